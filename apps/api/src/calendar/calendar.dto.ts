import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { isCalendarDay, parseInstant, type ArrangementSource } from '@app/calendar';
import type { CalendarYearEntry } from '@app/cases';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';

/** Each element is a real day written `YYYY-MM-DD`. */
const EachCalendarDay = (): PropertyDecorator =>
  ValidateBy(
    { name: 'isCalendarDay', validator: { validate: (value: unknown) => isCalendarDay(value) } },
    { each: true, message: 'each of $property must be a day written YYYY-MM-DD, e.g. 2027-02-06' },
  );

/** `/calendar/years/:year`: a year written with four digits. */
export class CalendarYearParamDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2027' })
  @Min(1000, { message: 'year must be a year such as 2027' })
  @Max(9999, { message: 'year must be a year such as 2027' })
  year: number;
}

/**
 * `PUT /calendar/years/:year` (admin): the year's arrangement from the State Council's notice. That every day
 * is of the year, an adjusted working day is a weekend day and no day is in both lists is checked by the
 * service (`checkOfficialArrangement`), which names the field.
 */
export class CalendarYearDto implements CalendarYearEntry {
  @ApiProperty({ type: [String], example: ['2027-01-01', '2027-02-05'], description: 'days off' })
  @IsArray()
  @ArrayMaxSize(366)
  @ArrayUnique()
  @EachCalendarDay()
  holidays: string[];

  @ApiProperty({
    type: [String],
    example: ['2027-02-20'],
    description: 'Saturdays and Sundays worked (调休)',
  })
  @IsArray()
  @ArrayMaxSize(366)
  @ArrayUnique()
  @EachCalendarDay()
  adjustedWorkingDays: string[];

  @ApiProperty({
    example: '国办发明电〔2026〕7号',
    description: "the State Council notice's number or title",
  })
  @IsString()
  @Length(1, 500)
  source: string;
}

/** `GET /calendar/due-date?from=&workingDays=`. */
export class DueDateQueryDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2027-02-01T09:30:00+08:00',
    description: 'the starting event, ISO 8601 with Z or an offset',
  })
  @Transform(({ value }: { value: unknown }) => parseInstant(value) ?? value)
  @IsDate({ message: 'from must be an ISO 8601 instant with Z or an offset, e.g. 2027-02-01T09:30:00+08:00' })
  from: Date;

  @ApiProperty({ example: 5, description: 'statutory working days, 0 to 1000' })
  @Type(() => Number)
  @IsInt({ message: 'workingDays must be a whole number of working days, 0 to 1000' })
  @Min(0, { message: 'workingDays must be a whole number of working days, 0 to 1000' })
  @Max(1000, { message: 'workingDays must be a whole number of working days, 0 to 1000' })
  workingDays: number;
}

/** OpenAPI shape of a year's arrangement in effect. */
export class CalendarYearViewDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: ['official', 'library', 'provisional'] }) source: ArrangementSource;
  @ApiProperty({ type: [String], example: ['2027-01-01'] }) holidays: string[];
  @ApiProperty({ type: [String], example: ['2027-02-20'] }) adjustedWorkingDays: string[];
  @ApiProperty({ type: String, nullable: true, example: '国办发明电〔2026〕7号' }) sourceNote: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'admin' }) enteredBy: string | null;
  @ApiBeijingTime({ nullable: true }) enteredAt: string | null;
}

/** OpenAPI shape of a due date. */
export class DueDateViewDto {
  @ApiBeijingTime({ description: 'the starting event' }) from: string;
  @ApiProperty({ example: 5 }) workingDays: number;
  @ApiProperty({ example: '2027-02-01', description: 'the day the event counts on, Beijing time' })
  countedFrom: string;
  @ApiProperty({ example: '2027-02-18', description: 'the last working day, Beijing time' }) dueDate: string;
  @ApiBeijingTime({ description: 'the end of dueDate' }) dueAt: string;
  @ApiProperty({ description: 'a year without official data was used: the date may move' })
  provisional: boolean;
}
