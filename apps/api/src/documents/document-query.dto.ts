import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** The query string of a staff document route: the receipt's query code, to print it on the receipt. */
export class DocumentQueryDto {
  @ApiPropertyOptional({
    example: '042917',
    description:
      'the query code the POST /applications answer gave; printed on the acknowledgement when it is the ' +
      "case's (400 otherwise), masked when absent",
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be the six-digit query code' })
  code?: string;
}
