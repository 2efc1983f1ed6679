import { Conflict, InvalidInput, type FieldProblem } from '@app/common';

/** A refused form post as its page shows it, beside the form: the status, a sentence, the fields named. */
export interface FormRefusal {
  status: number;
  message: string;
  fields: FieldProblem[];
}

/** Han characters: a message written in Chinese has some. */
const CHINESE = /[\u4e00-\u9fff]/;

/** The text fields `names` of the posted form `body`, trimmed ('' when absent), to write back into the form. */
export function keptValues(body: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const value = body[name];
      return [name, typeof value === 'string' ? value.trim() : ''];
    }),
  );
}

/**
 * `error` as a refusal shown on the form that was posted: 400 for InvalidInput, each field named by
 * its label in `labels` before the reason: the service's when it is written in Chinese, else the
 * field's rule in `rules` (the services of the JSON api explain in English), else 请检查此项; 409 for
 * a Conflict, said as `conflict` (the field and words it concerns). Null for anything else (403,
 * 404, …): the error page says those.
 */
export function formRefusal(
  error: unknown,
  labels: Readonly<Record<string, string>>,
  conflict?: FieldProblem & { sentence: string },
  rules: Readonly<Record<string, string>> = {},
): FormRefusal | null {
  if (error instanceof InvalidInput) {
    const fields = ((error.details as FieldProblem[]) ?? []).map((p) => ({
      field: p.field,
      message: `${labels[p.field] ?? p.field}：${CHINESE.test(p.message) ? p.message : (rules[p.field] ?? '请检查此项')}`,
    }));
    return { status: 400, message: '请检查填写的内容。', fields };
  }
  if (error instanceof Conflict && conflict) {
    return {
      status: 409,
      message: conflict.sentence,
      fields: [{ field: conflict.field, message: conflict.message }],
    };
  }
  return null;
}
