import { ApiProperty } from '@nestjs/swagger';
import type { CasePage, DueMoment, DueState } from '@app/cases';
import { CASE_STATES, CLOCK_STAGES, PARTIES } from '@app/workflow';

const DUE_STATES: readonly DueState[] = ['running', 'warned', 'overdue'];

/** OpenAPI shape of what is due next on a listed case (DueMoment). */
class DueMomentDto implements DueMoment {
  @ApiProperty({ enum: CLOCK_STAGES, example: 'acceptance' }) stage: string;
  @ApiProperty({ enum: PARTIES, example: 'homeJurisdiction', description: 'who the time is charged to' })
  party: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-08T15:59:59.999Z',
    description: 'the due moment: the end of dueDate, Beijing time (23:59:59.999+08:00)',
  })
  dueAt: Date;
  @ApiProperty({ example: '2026-12-08', description: 'the due working day, a Beijing calendar day' })
  dueDate: string;
  @ApiProperty({
    description: 'computed on a provisional calendar year: may move when official data is entered',
  })
  provisional: boolean;
  @ApiProperty({
    enum: DUE_STATES,
    description:
      'overdue: overdue mark raised or due moment passed; warned: warning raised (80 %), not overdue',
  })
  state: DueState;
}

/** OpenAPI shape of one listed case. */
class CaseRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '330902-20261130-000001' }) caseNumber: string;
  @ApiProperty({ example: 'KS1-001' }) itemCode: string;
  @ApiProperty({ example: '学历公证' }) itemName: string;
  @ApiProperty({ example: 'W330902' }) windowCode: string;
  @ApiProperty({ enum: CASE_STATES }) state: string;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ example: '张*', description: 'masked for supervisors' }) applicantName: string;
  @ApiProperty({ format: 'date-time', description: 'when the case entered its current state' }) since: Date;
  @ApiProperty({
    type: DueMomentDto,
    nullable: true,
    description:
      "the earliest due of the case's running clocks charged to the list's party (the inbox: the home " +
      "jurisdiction's; a clerk's list: the window's; an officer's: the home jurisdiction's; a supervisor's: " +
      'both); null when none runs',
  })
  due: DueMomentDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'officer-j310115-sfj',
    description: 'the officer who holds the case (认领); null when nobody does',
  })
  holder: string | null;
}

/** OpenAPI shape of a page of a case list (GET /applications, GET /inbox). */
export class CasePageDto implements CasePage {
  @ApiProperty({ description: 'cases matching, on all pages' }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 50 }) pageSize: number;
  @ApiProperty({ type: CaseRowDto, isArray: true }) cases: CaseRowDto[];
}
