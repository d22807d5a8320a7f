/**
 * Tests and benchmarks never change what users see (issue 13). scripts/test-all.sh takes a snapshot of
 * the stack's user data when the stack is up and compares it once every suite has run:
 *
 *   bun scripts/lib/user-data-snapshot.ts take .run/user-data/test-all.json
 *   bun scripts/lib/user-data-snapshot.ts compare .run/user-data/test-all.json
 *
 * `compare` prints every settled record that changed, appeared or went, and exits 1 if there is one.
 * What counts as settled, and why the schedules' own work does not count: tests/support/user-data/model.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { countRecords, describeDifferences } from "../../tests/support/user-data/compare.ts";
import type { UserDataSnapshot } from "../../tests/support/user-data/model.ts";
import { changedUserData, takeUserDataSnapshot } from "../../tests/support/user-data/snapshot.ts";

const [command, file] = process.argv.slice(2);
if ((command !== "take" && command !== "compare") || !file) {
  console.error("usage: bun scripts/lib/user-data-snapshot.ts take|compare <snapshot.json>");
  process.exit(2);
}

if (command === "take") {
  const snapshot = await takeUserDataSnapshot();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(snapshot));
  console.log(
    `user data snapshot: ${countRecords(snapshot)} (settled: rates observed before ${snapshot.cutoff}, days before ${snapshot.liveDay}) → ${file}`,
  );
} else {
  const before = JSON.parse(readFileSync(file, "utf8")) as UserDataSnapshot;
  const differences = changedUserData(before);
  if (differences.length > 0) {
    console.error(
      `user data changed since ${before.takenAt}: ${differences.length} settled record(s)\n${describeDifferences(differences)}`,
    );
    process.exit(1);
  }
  console.log(`user data unchanged since ${before.takenAt}: ${countRecords(before)}`);
}
