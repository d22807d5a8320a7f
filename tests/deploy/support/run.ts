/** Runs a command and returns its exit code and output (stdout and stderr together). */
export async function run(
  command: string[],
  options: { cwd?: string } = {},
): Promise<{ code: number; output: string }> {
  const proc = Bun.spawn(command, { cwd: options.cwd, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, output: `${stdout}${stderr}` };
}
