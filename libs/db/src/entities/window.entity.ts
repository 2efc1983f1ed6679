import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A receiving window (收件窗口): a service centre counter that receives on the home jurisdiction's behalf. */
@Entity('windows')
export class WindowEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  /** GB/T 2260 division code, six digits. */
  @Column({ name: 'division_code', length: 6 }) divisionCode: string;
  @Column({ name: 'division_name' }) divisionName: string;
}
