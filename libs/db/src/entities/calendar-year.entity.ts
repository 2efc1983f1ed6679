import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A year's official arrangement (国务院办公厅关于 … 部分节假日安排的通知) as an admin entered it: the one in
 * effect for the year, winning over the `chinese-days` library and the provisional rules. Read and written
 * only through `CalendarYearRepository` (dates as `YYYY-MM-DD` text, never through a local-time Date).
 */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' }) year: number;
  /** Days off (法定节假日, 补假, 调休 rest days), all in `year`. */
  @Column({ type: 'date', array: true }) holidays: string[];
  /** Saturdays and Sundays worked (调休上班), all in `year`. */
  @Column({ name: 'adjusted_working_days', type: 'date', array: true }) adjustedWorkingDays: string[];
  /** Where it comes from, e.g. the notice's number 国办发明电〔2026〕7号. */
  @Column({ name: 'source_note', type: 'text' }) sourceNote: string;
  /** Who entered it: an admin's username, or `cli:<os user>`. */
  @Column({ name: 'entered_by', type: 'text' }) enteredBy: string;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt: Date;
}

/** One change to `calendar_years` (append-only, a trigger refuses UPDATE and DELETE): who, when, before and after. */
@Entity('calendar_year_changes')
export class CalendarYearChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'int' }) year: number;
  @Column({ name: 'changed_by', type: 'text' }) changedBy: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
  /** The row before (`StoredCalendarYear` as JSON), null when the year was not stored. */
  @Column({ type: 'jsonb', nullable: true }) before: unknown;
  /** The row after. */
  @Column({ type: 'jsonb' }) after: unknown;
}
