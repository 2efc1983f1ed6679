import { InvalidInput, type FieldProblem } from '@app/common';

/** A text field a console form requires: its name, its label on the page, and its longest length in characters. */
export interface FormField {
  name: string;
  label: string;
  maxChars: number;
}

/**
 * The values of `fields` in the posted form `body` (parsed by the console's form parser), trimmed.
 * Characters are counted as code points (𠮷 is one). Other fields of the body are ignored.
 * @throws InvalidInput (400) naming, in Chinese, each field that is missing, empty, repeated or too long
 */
export function readForm<K extends string>(
  body: unknown,
  fields: readonly (FormField & { name: K })[],
): Record<K, string> {
  const posted = (body ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const values = {} as Record<K, string>;
  for (const { name, label, maxChars } of fields) {
    const raw = posted[name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) problems.push({ field: name, message: `请填写${label}` });
    else if ([...value].length > maxChars)
      problems.push({ field: name, message: `${label}不能超过 ${maxChars} 个字` });
    values[name] = value;
  }
  if (problems.length > 0) throw new InvalidInput('the form is incomplete', problems);
  return values;
}
