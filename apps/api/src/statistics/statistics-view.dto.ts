import { ApiProperty } from '@nestjs/swagger';
import { CLOCK_STATES, EVALUATION_GRADES } from '@app/cases';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';

const GRADES = Object.keys(EVALUATION_GRADES);

class StateCountDto {
  @ApiProperty({ example: 'forwarded.awaitingAcceptance' }) state: string;
  @ApiProperty({ example: '待受理' }) label: string;
  @ApiProperty() count: number;
}

class ItemCountDto {
  @ApiProperty({ example: 'KS1-001' }) itemCode: string;
  @ApiProperty({ example: '学历公证' }) itemName: string;
  @ApiProperty() count: number;
}

class WindowCountDto {
  @ApiProperty({ example: 'W330921' }) windowCode: string;
  @ApiProperty({ example: '岱山县行政服务中心' }) windowName: string;
  @ApiProperty() count: number;
}

class JurisdictionCountDto {
  @ApiProperty({ example: 'J310115-SFJ' }) jurisdictionCode: string;
  @ApiProperty({ example: '上海市浦东新区 市司法局' }) name: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: '视为受理' }) deemedAccepted: number;
  @ApiProperty({ description: '不予受理' }) refused: number;
  @ApiProperty({ description: 'supplement requests after the first (一次性告知)' })
  repeatedSupplementRequests: number;
}

class LateClockDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '330921-20261130-000001' }) caseNumber: string;
  @ApiProperty({ example: 'KS1-001' }) itemCode: string;
  @ApiProperty({ example: 'W330921' }) windowCode: string;
  @ApiProperty({ example: 'J310115-SFJ' }) jurisdictionCode: string;
  @ApiProperty({ example: 'acceptance', description: 'the clock stage (forward, acceptance, decision, …)' })
  stage: string;
  @ApiProperty({
    enum: ['window', 'courier', 'homeJurisdiction', 'applicant'],
    description: 'party responsible',
  })
  party: string;
  @ApiProperty({ enum: ['overdue', 'warned'], description: 'warned: 80 % of the working days used' })
  status: string;
  @ApiBeijingTime() startedAt: string;
  @ApiProperty({ example: '2026-12-08', description: 'due working day, Beijing time' }) dueDate: string;
  @ApiBeijingTime({ description: 'the due moment, end of dueDate' }) dueAt: string;
  @ApiProperty({ description: 'computed on a provisional calendar year' }) provisional: boolean;
  @ApiBeijingTime({ nullable: true, description: 'when the sweep raised the warning' }) warnedAt:
    string | null;
  @ApiBeijingTime({ nullable: true, description: 'when the sweep marked it overdue' }) overdueAt:
    string | null;
  @ApiProperty({ description: 'statutory working days left, today counted when it works; negative: late by' })
  workingDaysLeft: number;
}

class LateClocksDto {
  @ApiProperty({ description: 'running clocks warned or overdue, all of them' }) total: number;
  @ApiProperty({ type: [LateClockDto], description: 'overdue first, then by due moment (at most 200)' })
  clocks: LateClockDto[];
}

class PartyLateCountDto {
  @ApiProperty({ enum: ['window', 'courier', 'homeJurisdiction', 'applicant'] }) party: string;
  @ApiProperty({ description: 'running clocks past their due moment' }) overdue: number;
  @ApiProperty({ description: 'running clocks warned, not yet overdue' }) warned: number;
}

class StageDurationDto {
  @ApiProperty({ example: 'acceptance' }) stage: string;
  @ApiProperty({ description: 'stopped clocks that ended by their due moment' }) met: number;
  @ApiProperty({ description: 'stopped clocks that ended after it' }) late: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'median statutory working days used (percentile_cont)',
  })
  medianWorkingDays: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '90th percentile of statutory working days used',
  })
  p90WorkingDays: number | null;
}

class ClockStatisticsDto {
  @ApiProperty({ type: LateClocksDto }) late: LateClocksDto;
  @ApiProperty({ type: [PartyLateCountDto] }) byParty: PartyLateCountDto[];
  @ApiProperty({ type: [StageDurationDto] }) byStage: StageDurationDto[];
}

class RectificationDto {
  @ApiProperty({ enum: CLOCK_STATES })
  state: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-22',
    description: 'due working day, Beijing time',
  })
  dueDate: string | null;
  @ApiBeijingTime({ nullable: true }) dueAt: string | null;
  @ApiProperty() provisional: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'statutory working days left while counting' })
  workingDaysLeft: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'statutory working days used once put right' })
  usedWorkingDays: number | null;
  @ApiBeijingTime({ nullable: true, description: 'when the side reported it put right' }) rectifiedAt:
    string | null;
}

class MonthCountDto {
  @ApiProperty({ example: '2026-11', description: 'month received, Beijing time' }) month: string;
  @ApiProperty({ description: 'cases across the border that month, each once' }) count: number;
  @ApiProperty({ description: "received at the division's windows for home jurisdictions outside" })
  receivedForOthers: number;
  @ApiProperty({ description: "received at windows outside for the division's home jurisdictions" })
  receivedByOthers: number;
}

class GradeCountsDto {
  @ApiProperty({ description: 'evaluations of this side' }) count: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(GRADES.map((g) => [g, { type: 'number' }])),
    description: 'how many gave each grade (非常满意 … 非常不满意), every grade listed',
  })
  byGrade: Record<string, number>;
}

class WindowGradesDto extends GradeCountsDto {
  @ApiProperty({ example: 'W330921' }) windowCode: string;
  @ApiProperty({ example: '岱山县行政服务中心' }) windowName: string;
}

class JurisdictionGradesDto extends GradeCountsDto {
  @ApiProperty({ example: 'J310115-SFJ' }) jurisdictionCode: string;
  @ApiProperty({ example: '上海市浦东新区 市司法局' }) name: string;
}

class UnsatisfiedRatingDto {
  @ApiProperty({ example: '330921-20261130-000001' }) caseNumber: string;
  @ApiProperty({ enum: ['window', 'jurisdiction'], description: 'the side rated' }) side: string;
  @ApiProperty({ example: 'J310115-SFJ', description: 'the window or home jurisdiction rated' })
  partyCode: string;
  @ApiProperty({ example: '上海市浦东新区 市司法局' }) partyName: string;
  @ApiProperty({ enum: ['dissatisfied', 'very_dissatisfied'] }) grade: string;
  @ApiProperty({ example: '不满意' }) gradeLabel: string;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiBeijingTime() evaluatedAt: string;
  @ApiProperty({
    type: RectificationDto,
    nullable: true,
    description:
      'the rectification clock this 差评 opened (15 working days by default); null for one given before',
  })
  rectification: RectificationDto | null;
}

class EvaluationsDto {
  @ApiProperty({ description: 'evaluations given' }) total: number;
  @ApiProperty({ type: [WindowGradesDto], description: "the receiving window's side, per window" })
  byWindow: WindowGradesDto[];
  @ApiProperty({
    type: [JurisdictionGradesDto],
    description: "the home jurisdiction's side, per jurisdiction",
  })
  byJurisdiction: JurisdictionGradesDto[];
  @ApiProperty({ type: [UnsatisfiedRatingDto], description: 'every 差评 side, latest first' })
  unsatisfied: UnsatisfiedRatingDto[];
}

/** OpenAPI shape of `GET /statistics` (CaseStatistics): counts only, no personal data. */
export class CaseStatisticsDto {
  @ApiProperty({ example: '330921' }) divisionCode: string;
  @ApiBeijingTime({ nullable: true, description: 'period start (open when null)' }) from: string | null;
  @ApiBeijingTime({ nullable: true, description: 'period end, excluded (open when null)' }) to: string | null;
  @ApiBeijingTime({ description: 'the moment the clocks were read at' }) asOf: string;
  @ApiProperty() received: number;
  @ApiProperty({ type: [StateCountDto] }) byState: StateCountDto[];
  @ApiProperty({ type: [ItemCountDto] }) byItem: ItemCountDto[];
  @ApiProperty({ type: [WindowCountDto] }) byWindow: WindowCountDto[];
  @ApiProperty({ type: [JurisdictionCountDto] }) byJurisdiction: JurisdictionCountDto[];
  @ApiProperty({ type: ClockStatisticsDto, description: 'time limits: late clocks, per party, per stage' })
  clocks: ClockStatisticsDto;
  @ApiProperty() transferExceptions: number;
  @ApiProperty({ type: [MonthCountDto], description: "cases across the division's border per month" })
  crossBorder: MonthCountDto[];
  @ApiProperty({ type: EvaluationsDto }) evaluations: EvaluationsDto;
}
