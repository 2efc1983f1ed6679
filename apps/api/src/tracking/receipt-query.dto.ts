import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString } from 'class-validator';

/**
 * The query string of every tracking endpoint: the receipt's query code and nothing else (an
 * unknown parameter is 400 naming it). A code of the wrong shape is not a 400 but the same 404 as a
 * wrong code, so a guess learns nothing (TrackingController).
 */
export class ReceiptQueryDto {
  @ApiProperty({
    example: '042917',
    description: 'the six-digit query code printed on the receipt (受理回执)',
  })
  @IsDefined({ message: 'code is required: the query code printed on the receipt' })
  @IsString()
  code: string;
}
