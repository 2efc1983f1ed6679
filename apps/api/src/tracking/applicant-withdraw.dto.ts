import { ApiProperty } from '@nestjs/swagger';
import { PlainText } from '../http/plain-text.validator';

/** 撤回: the applicant takes the case back, saying why. */
export class ApplicantWithdrawDto {
  @ApiProperty({ example: '已在户籍地办理' })
  @PlainText(500)
  reason: string;
}
