import type { MaterialForm } from './case.events';

/** When a material was handed in: at receipt, at a resubmission, or as a supplement. */
export type MaterialStage = 'receive' | 'resubmit' | 'supplement';

/** A material as the machine tracks it: its checklist name and the form it is in. */
export interface MaterialRef {
  name: string;
  form: MaterialForm;
}

/**
 * Whether `handed` meets `required`: the same material, and a form at least as strong. An
 * original (原件) is needed where the checklist asks for one; a certified copy (核证副本) may be
 * replaced by the original; a copy (复印件) by either; an electronic material by any paper form.
 */
export function satisfies(required: MaterialRef, handed: MaterialRef): boolean {
  if (required.name !== handed.name) return false;
  if (required.form === 'original') return handed.form === 'original';
  if (required.form === 'certifiedCopy') return handed.form === 'original' || handed.form === 'certifiedCopy';
  if (required.form === 'copy') return handed.form !== 'electronic';
  return true;
}

/** Required materials not met by anything handed in, as `name (form)` for the clerk to ask for. */
export function missingMaterials(context: {
  requiredMaterials: MaterialRef[];
  materialsHandedIn: MaterialRef[];
}): string[] {
  return context.requiredMaterials
    .filter((r) => !context.materialsHandedIn.some((h) => satisfies(r, h)))
    .map((r) => `${r.name} (${r.form})`);
}

/** `existing` plus `added`, each name and form once, in the order handed in. */
export function mergeMaterials(existing: MaterialRef[], added: MaterialRef[]): MaterialRef[] {
  const merged = [...existing];
  for (const { name, form } of added) {
    if (!merged.some((m) => m.name === name && m.form === form)) merged.push({ name, form });
  }
  return merged;
}
