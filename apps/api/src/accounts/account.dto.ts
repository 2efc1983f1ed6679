import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { STAFF_ROLES, USERNAME_PATTERN } from '@app/accounts';
import type { StaffRole } from '@app/db';
import { IsCode } from '../http/codes';
import { ApiBeijingTime } from '../http/beijing-time.interceptor';

/** The schema's username rule; capitals are taken and lowercased. */
export const USERNAME = new RegExp(USERNAME_PATTERN.source, 'i');
const USERNAME_MESSAGE = 'username must be 3-64 letters, digits, dots or dashes';

/** Signing in: a username and a password (the password rule is checked when one is set, not here). */
export class SignInDto {
  @ApiProperty({ example: 'clerk-w330902' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 200)
  password: string;
}

/** A new staff account (admin). The binding its role needs, and no other. */
export class NewAccountDto {
  @ApiProperty({ example: 'clerk-w330902-02' })
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ format: 'password', description: '12 characters or more, at most 72 bytes in UTF-8' })
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @ApiPropertyOptional({ example: 'W330902', description: 'a clerk’s window' })
  @IsOptional()
  @IsCode('window')
  windowCode?: string;

  @ApiPropertyOptional({ example: 'J310115-SFJ', description: 'an officer’s home jurisdiction' })
  @IsOptional()
  @IsCode('jurisdiction')
  jurisdictionCode?: string;

  @ApiPropertyOptional({ example: '330900', description: 'a supervisor’s division (GB/T 2260)' })
  @IsOptional()
  @IsCode('division')
  divisionCode?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      '科室负责人 of the officer’s jurisdiction: may reassign an absent colleague’s cases (officers only)',
  })
  @IsOptional()
  @IsBoolean()
  lead?: boolean;
}

/** `GET /accounts?role=`: accounts of one role, or all; nothing else is taken. */
export class AccountsQueryDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role?: StaffRole;
}

/** A change to an account (admin): deactivate or reactivate it, or set a new password. */
export class AccountChangeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'password' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  password?: string;
}

/** OpenAPI shape of the signed-in account in a token answer. */
class SignedInAccountDto {
  @ApiProperty({ example: 'clerk-w330902' }) username: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiPropertyOptional({ example: 'W330902', description: 'a clerk’s window' }) windowCode?: string;
  @ApiPropertyOptional({ example: 'J310115-SFJ', description: 'an officer’s home jurisdiction' })
  jurisdictionCode?: string;
  @ApiPropertyOptional({ example: '330900', description: 'a supervisor’s division' }) divisionCode?: string;
  @ApiPropertyOptional({ description: 'an officer: 科室负责人 of their jurisdiction' }) lead?: boolean;
}

/** OpenAPI shape of what signing in answers (RFC 6749 §5.1 fields, camel-cased). */
export class AccessTokenDto {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'seconds until it lapses (JWT_TTL_SECONDS)' }) expiresIn: number;
  @ApiProperty({ type: SignedInAccountDto }) account: SignedInAccountDto;
}

/** OpenAPI shape of an account as an admin sees it (never its password hash). */
export class AccountViewDto {
  @ApiProperty({ example: 'clerk-w330902' }) username: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ type: String, nullable: true, example: 'W330902' }) windowCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) jurisdictionCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) divisionCode: string | null;
  @ApiProperty({ description: '科室负责人 (officers only)' }) lead: boolean;
  @ApiProperty() active: boolean;
  @ApiBeijingTime() createdAt: string;
}
