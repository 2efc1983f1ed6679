import { createParamDecorator, Injectable, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { CaseQueryService, invalidField, type Actor } from '@app/cases';
import { CurrentActorOf } from './actor.decorator';
import { CODES, isCode } from './codes';

/** The `:id` of a case route as sent, with the actor who sent it. */
interface CaseRefIn {
  ref: string;
  actor: Actor;
}

/**
 * Resolves a case route's `:id` to the case id: a UUID v4 as is, a case number (the number on the
 * paper receipt) through `CaseQueryService.caseIdOf`, within the caller's scope. The one place
 * where a path names a case; every `/applications/:id…` route takes its id from here.
 * @throws InvalidInput (400, field `id`) neither a UUID v4 nor a case number
 * @throws NotFound (404) a case number of no case the caller may see
 */
@Injectable()
export class CaseIdPipe implements PipeTransform<CaseRefIn, Promise<string>> {
  constructor(private readonly queries: CaseQueryService) {}

  transform({ ref, actor }: CaseRefIn): Promise<string> {
    if (isUUID(ref, '4')) return this.queries.caseIdOf({ id: ref }, actor);
    if (isCode('caseNumber', ref)) return this.queries.caseIdOf({ caseNumber: ref }, actor);
    throw invalidField('id', `must be a case id (UUID v4) or a case number like ${CODES.caseNumber.example}`);
  }
}

/** The path's `:id` with the signed-in actor, for CaseIdPipe. */
const CaseRef = createParamDecorator((_: unknown, ctx: ExecutionContext): CaseRefIn => ({
  ref: String(ctx.switchToHttp().getRequest<{ params: Record<string, string> }>().params.id),
  actor: CurrentActorOf(ctx),
}));

/**
 * The case a route's `:id` names (UUID or case number), resolved in the caller's scope; the
 * OpenAPI document describes the path parameter.
 */
export const CaseId =
  (): ParameterDecorator =>
  (target, key, index): void => {
    CaseRef(undefined, CaseIdPipe)(target, key, index);
    if (key === undefined) return;
    ApiParam({
      name: 'id',
      description: `case id (UUID) or case number (the number on the receipt, e.g. ${CODES.caseNumber.example})`,
    })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
