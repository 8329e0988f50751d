// Preloaded (`node --import`) into each cold synthesis of bench/synth-vs-eks-blueprints.ts:
// writes the process's own CPU time (user + system, ms) to $BENCH_CPU_FILE on exit, so a
// busy machine's waiting time can be told apart from the work done.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  if (process.env.BENCH_CPU_FILE) writeFileSync(process.env.BENCH_CPU_FILE, String((user + system) / 1000));
});
