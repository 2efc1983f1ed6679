/** Prints what a fault test broke and what it checked. */
export const say = (line: string) => process.stdout.write(`  [fault] ${line}\n`);
