import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A home jurisdiction (业务属地部门): the department that owns and decides an item, in one division. */
@Entity('jurisdictions')
export class JurisdictionEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  /** GB/T 2260 division code, six digits. */
  @Column({ name: 'division_code', length: 6 }) divisionCode: string;
  @Column({ name: 'division_name' }) divisionName: string;
  /** Named as the catalogue annex names lead departments (e.g. 市司法局). */
  @Column() department: string;
}
