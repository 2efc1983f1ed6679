import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BEIJING_DATE_EXAMPLE } from '@app/common';
import { CASE_STATES } from '@app/workflow';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';

/** A person as tracking shows them (an agent, a legal representative): masked. */
class MaskedPersonDto {
  @ApiProperty({ example: '周**' }) name: string;
  @ApiProperty({ example: 'resident_id' }) idType: string;
  @ApiProperty({ example: '3309**********0013' }) idNumber: string;
  @ApiPropertyOptional({ example: 'GBR', description: "a passport's nationality" }) nationality?: string;
}

/** A mailing address as tracking shows it: the divisions, the rest masked. */
class MaskedMailingAddressDto {
  @ApiProperty({ example: '330000' }) provinceCode: string;
  @ApiProperty({ example: '330900' }) cityCode: string;
  @ApiPropertyOptional({ example: '330902' }) districtCode?: string;
  @ApiProperty({ example: '环城***' }) street: string;
  @ApiProperty({ example: '林**' }) recipient: string;
  @ApiProperty({ example: '138****2222' }) phone: string;
}

/** The applicant as tracking shows them: masked (a legal person's name and credit code are not personal data). */
class MaskedApplicantDto {
  @ApiProperty({ enum: ['natural_person', 'legal_person'] }) kind: string;
  @ApiProperty({ example: '林**' }) name: string;
  @ApiProperty({ example: '3309**********2157' }) idNumber: string;
  @ApiPropertyOptional({ example: 'GBR', description: "a passport's nationality" }) nationality?: string;
  @ApiProperty({ example: '138****0001' }) phone: string;
  @ApiProperty({ type: MaskedPersonDto, nullable: true }) legalRepresentative: MaskedPersonDto | null;
  @ApiProperty({ type: MaskedPersonDto, nullable: true, description: '代理人, with a masked phone' })
  agent: (MaskedPersonDto & { phone: string }) | null;
  @ApiProperty({ type: MaskedMailingAddressDto, nullable: true })
  mailingAddress: MaskedMailingAddressDto | null;
}

/** The one notice the applicant must see now, by `kind`; fields beyond `title` depend on it. */
class ApplicantNoticeDto {
  @ApiProperty({ enum: ['correction', 'supplement', 'refusal', 'decision'] }) kind: string;
  @ApiProperty({ example: '补正材料一次性告知书' }) title: string;
  @ApiProperty({ example: BEIJING_DATE_EXAMPLE, description: 'the day it was issued (Beijing)' })
  issuedOn: string;
  @ApiPropertyOptional({ type: [String], description: 'correction: everything missing, at once' })
  missing?: string[];
  @ApiPropertyOptional({ type: [String], description: 'supplement: what the home jurisdiction asks for' })
  items?: string[];
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ enum: ['approved', 'denied'], description: 'decision' }) outcome?: string;
  @ApiPropertyOptional({ description: 'refusal or denial' }) reason?: string;
  @ApiPropertyOptional({ description: 'refusal or denial: the law it rests on' }) legalBasis?: string;
  @ApiPropertyOptional({ type: Object, description: 'approved: document type and number, e-licence id' })
  result?: Record<string, unknown>;
}

class GradeDto {
  @ApiProperty({ example: 'satisfied' }) grade: string;
  @ApiProperty({ example: '满意' }) label: string;
}

/** 好差评 as given: the receiving window's and the home jurisdiction's grade, the comment. */
export class EvaluationViewDto {
  @ApiProperty({ type: GradeDto, description: "the receiving window's service" }) window: GradeDto;
  @ApiProperty({ type: GradeDto, description: "the home jurisdiction's service" }) jurisdiction: GradeDto;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

/** The answer to an evaluation: what was recorded, and when. */
export class EvaluatedDto extends EvaluationViewDto {
  @ApiProperty({ example: '330902-20261130-000001' }) caseNumber: string;
  @ApiBeijingTime() createdAt: string;
}

class TimelineEntryDto {
  @ApiProperty({ example: 'ACCEPT' }) type: string;
  @ApiProperty({ example: '受理' }) label: string;
  @ApiProperty({ enum: CASE_STATES }) state: string;
  @ApiProperty({ example: '已受理，办理中' }) stateLabel: string;
  @ApiBeijingTime() at: string;
}

class ItemRefDto {
  @ApiProperty({ example: 'KS1-001' }) code: string;
  @ApiProperty({ example: '学历公证' }) name: string;
}

/** OpenAPI shape of the applicant's view (进度查询): masked personal data, timeline, next step. */
export class TrackingViewDto {
  @ApiProperty({ example: '330902-20261130-000001' }) caseNumber: string;
  @ApiProperty({ type: ItemRefDto }) item: ItemRefDto;
  @ApiBeijingTime({ description: 'when the window received it' }) receivedAt: string;
  @ApiProperty({
    example: BEIJING_DATE_EXAMPLE,
    description: 'the day received, as the receipt bears it (Beijing)',
  })
  receivedOn: string;
  @ApiProperty({ example: '定海区行政服务中心' }) window: string;
  @ApiProperty({ example: '上海市浦东新区 市司法局' }) homeJurisdiction: string;
  @ApiProperty({ type: MaskedApplicantDto }) applicant: MaskedApplicantDto;
  @ApiProperty({ enum: CASE_STATES }) state: string;
  @ApiProperty({ example: '已受理，办理中' }) stateLabel: string;
  @ApiProperty({ example: '业务属地部门正在审查办理' }) nextStep: string;
  @ApiProperty({ type: ApplicantNoticeDto, nullable: true }) notice: ApplicantNoticeDto | null;
  @ApiProperty({ type: EvaluationViewDto, nullable: true }) evaluation: EvaluationViewDto | null;
  @ApiProperty({ description: 'true while the evaluation (好差评) may still be given' }) canEvaluate: boolean;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
}
