/**
 * Modules loaded afresh with one platform namespace renamed in PLATFORM_NAMESPACES, to
 * prove that code reads the name from there (one fact) rather than a copy of it.
 */
import { vi } from "vitest";

type Namespaces = typeof import("../../src/platform-spec/names.js").PLATFORM_NAMESPACES;

/** Runs `load` (a dynamic import) with `PLATFORM_NAMESPACES[which]` set to `name`; later imports see the real names again. */
export async function withRenamedNamespace<T>(which: keyof Namespaces, name: string, load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  vi.doMock("../../src/platform-spec/names.js", async (importOriginal) => {
    const names = await importOriginal<typeof import("../../src/platform-spec/names.js")>();
    return { ...names, PLATFORM_NAMESPACES: { ...names.PLATFORM_NAMESPACES, [which]: name } };
  });
  try {
    return await load();
  } finally {
    vi.doUnmock("../../src/platform-spec/names.js");
    vi.resetModules();
  }
}
