import { ApiProperty } from '@nestjs/swagger';
import { EVALUATION_GRADES } from '@app/cases';
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

class OverdueCaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '330921-20261130-000001' }) caseNumber: string;
  @ApiProperty({ example: 'KS1-001' }) itemCode: string;
  @ApiProperty({ example: 'W330921' }) windowCode: string;
  @ApiProperty({ example: 'J310115-SFJ' }) jurisdictionCode: string;
  @ApiBeijingTime({ description: 'when the papers arrived' }) arrivedAt: string;
  @ApiBeijingTime({ description: 'the acceptance deadline set on arrival' }) dueAt: string;
  @ApiProperty({ description: 'ms of calendar time past dueAt' }) overdueMs: number;
}

class OverdueAcceptanceDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [OverdueCaseDto] }) cases: OverdueCaseDto[];
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
    type: Object,
    nullable: true,
    description: 'the rectification clock this 差评 opens (issue 12 item 3); null until clocks exist',
  })
  rectification: null;
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
  @ApiBeijingTime({ description: 'the moment the overdue list was measured against' }) asOf: string;
  @ApiProperty({ description: 'acceptance period configured now, ms' }) acceptancePeriodMs: number;
  @ApiProperty() received: number;
  @ApiProperty({ type: [StateCountDto] }) byState: StateCountDto[];
  @ApiProperty({ type: [ItemCountDto] }) byItem: ItemCountDto[];
  @ApiProperty({ type: [WindowCountDto] }) byWindow: WindowCountDto[];
  @ApiProperty({ type: [JurisdictionCountDto] }) byJurisdiction: JurisdictionCountDto[];
  @ApiProperty({ type: OverdueAcceptanceDto }) overdueAcceptance: OverdueAcceptanceDto;
  @ApiProperty() transferExceptions: number;
  @ApiProperty({ type: [MonthCountDto], description: "cases across the division's border per month" })
  crossBorder: MonthCountDto[];
  @ApiProperty({ type: EvaluationsDto }) evaluations: EvaluationsDto;
}
