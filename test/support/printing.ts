/** Runs `work` with stdout captured (a cli command's output); resolves to its result and what it printed. */
export async function printing<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const printed: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((s) => printed.push(String(s)) > 0);
  try {
    return { result: await work(), printed: printed.join('') };
  } finally {
    write.mockRestore();
  }
}
