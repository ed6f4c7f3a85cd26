import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { captureMfkitError, type MfkitError } from "../errors.js";
import { analyzeChain } from "./chain-structure.js";
import { stationaryDistribution } from "./stationary-distribution.js";
import { createStationarySolver } from "./stationary-solver.js";
import {
  fixtureUniforms,
  luReplacedRowStationary,
  normaliseRows,
  randomIrreducibleKernel,
  stationarityResidual,
  twoBlockChain,
} from "./test-chains.js";

function expectReducible(run: () => unknown): MfkitError {
  const error = captureMfkitError(run);
  expect(error.code).toBe("reducible-chain");
  return error;
}

const chainArb = fc.record({
  n: fc.integer({ min: 1, max: 30 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  density: fc.constantFrom(1, 0.5, 0.2, 0.05, 0),
});

describe("stationaryDistribution (GTH)", () => {
  it("solves random irreducible chains: νK = ν, Σν = 1, ν ≥ 0", () => {
    fc.assert(
      fc.property(chainArb, ({ n, seed, density }) => {
        const k = randomIrreducibleKernel(n, seed, density);
        const nu = stationaryDistribution(k, n);
        let total = 0;
        for (const v of nu) {
          expect(v).toBeGreaterThanOrEqual(0);
          total += v;
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-14);
        expect(stationarityResidual(k, n, nu)).toBeLessThan(1e-12);
      }),
      { seed: 20261121, numRuns: 200 },
    );
  });

  it("agrees with an LU solve of the replaced-row system (ml-matrix) to 1e-10", () => {
    fc.assert(
      fc.property(chainArb, ({ n, seed, density }) => {
        const k = randomIrreducibleKernel(n, seed, density);
        const gth = stationaryDistribution(k, n);
        const lu = luReplacedRowStationary(k, n);
        for (let i = 0; i < n; i++) expect(Math.abs(gth[i] - lu[i])).toBeLessThan(1e-10);
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it("stays accurate on nearly decomposable chains (blocks coupled by 1e-8 … 1e-15, and 1e-295)", () => {
    for (const [delta, eta] of [
      [1e-8, 3e-8],
      [2e-12, 1e-12],
      [1e-15, 4e-15],
      [1e-295, 1e-295],
    ] as const) {
      const { kernel, n, law } = twoBlockChain(delta, eta);
      const nu = stationaryDistribution(kernel, n);
      for (let i = 0; i < n; i++) expect(Math.abs(nu[i] - law[i]) / law[i]).toBeLessThan(1e-12);
    }
  });

  it("solves periodic chains (a deterministic cycle, a bipartite chain)", () => {
    const n = 7;
    const cycle = new Float64Array(n * n);
    for (let i = 0; i < n; i++) cycle[i * n + ((i + 3) % n)] = 1;
    for (const v of stationaryDistribution(cycle, n)) expect(v).toBeCloseTo(1 / 7, 15);
    // Bipartite walk on {0,1} × {2,3,4}: period 2; balance gives mass 1/2 on each side.
    const bip = new Float64Array(25);
    bip.set([0, 0, 0.2, 0.3, 0.5], 0);
    bip.set([0, 0, 0.6, 0.2, 0.2], 5);
    for (const i of [2, 3, 4]) bip.set([i / 10, 1 - i / 10, 0, 0, 0], i * 5);
    const nu = stationaryDistribution(bip, 5);
    expect(nu[0] + nu[1]).toBeCloseTo(0.5, 14);
    expect(stationarityResidual(bip, 5, nu)).toBeLessThan(1e-15);
  });

  it("solves unichains: zero on transient states, the closed class's law elsewhere", () => {
    // States 0 and 3 transient; closed class {1, 2, 4}.
    // biome-ignore format: a matrix
    const k = new Float64Array([
      0.2, 0.3, 0, 0.5, 0,
      0, 0.1, 0.6, 0, 0.3,
      0, 0.5, 0, 0, 0.5,
      0.4, 0, 0.1, 0.2, 0.3,
      0, 0.7, 0.2, 0, 0.1,
    ]);
    const nu = stationaryDistribution(k, 5);
    expect(nu[0]).toBe(0);
    expect(nu[3]).toBe(0);
    const sub = new Float64Array([0.1, 0.6, 0.3, 0.5, 0, 0.5, 0.7, 0.2, 0.1]);
    const expected = luReplacedRowStationary(sub, 3);
    expect(nu[1]).toBeCloseTo(expected[0], 14);
    expect(nu[2]).toBeCloseTo(expected[1], 14);
    expect(nu[4]).toBeCloseTo(expected[2], 14);
    expect(stationarityResidual(k, 5, nu)).toBeLessThan(1e-15);
    // Closed class at the top index (GTH pivot 0, closed-class path) and at the bottom (plain GTH).
    const top = new Float64Array([0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 1]);
    const topNu = stationaryDistribution(top, 3);
    expect(Array.from(topNu)).toEqual([0, 0, 1]);
    const bottom = new Float64Array([1, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5]);
    expect(Array.from(stationaryDistribution(bottom, 3))).toEqual([1, 0, 0]);
  });

  it("refuses chains with two closed classes, naming them and the transient states", () => {
    // biome-ignore format: a matrix
    const k = new Float64Array([
      0.5, 0.5, 0, 0, 0,
      0.5, 0.5, 0, 0, 0,
      0.2, 0.2, 0.2, 0.2, 0.2,
      0, 0, 0, 0, 1,
      0, 0, 0, 1, 0,
    ]);
    const error = expectReducible(() => stationaryDistribution(k, 5));
    expect(error.message).toContain("{0, 1}");
    expect(error.message).toContain("{3, 4}");
    expect(error.message).toContain("transient states: {2}");
    expect(error.details).toEqual({
      closedClasses: [
        [0, 1],
        [3, 4],
      ],
      transientStates: [2],
    });
    expectReducible(() => stationaryDistribution(new Float64Array([1, 0, 0, 1]), 2));
    expectReducible(() => createStationarySolver(5, { method: "iterative" }).solve(k, new Float64Array(5)));
  });

  it("on random sparse chains of any structure: the law iff one closed class, else the typed error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(0.03, 0.08, 0.2),
        fc.constantFrom("gth" as const, "iterative" as const),
        (n, seed, density, method) => {
          const u = fixtureUniforms(seed);
          const k = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) if (u() < density) k[i * n + j] = u();
            k[i * n + Math.floor(u() * n)] += 0.1;
          }
          normaliseRows(k, n);
          const structure = analyzeChain(k, n);
          const solver = createStationarySolver(n, { method });
          if (structure.closedClasses.length >= 2) {
            const error = expectReducible(() => solver.solve(k, new Float64Array(n)));
            expect(error.details).toEqual({
              closedClasses: structure.closedClasses,
              transientStates: structure.transientStates,
            });
            return;
          }
          const nu = solver.solve(k, new Float64Array(n));
          for (const t of structure.transientStates) expect(nu[t]).toBe(0);
          for (const c of structure.closedClasses[0]!) expect(nu[c]).toBeGreaterThan(0);
          expect(Math.abs(nu.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
          expect(stationarityResidual(k, n, nu)).toBeLessThan(1e-12);
        },
      ),
      { seed: 777, numRuns: 300 },
    );
  });

  it("validates the kernel, naming the row and entry", () => {
    const code = (run: () => unknown) => {
      const error = captureMfkitError(run);
      return [error.code, error.path];
    };
    expect(code(() => stationaryDistribution(new Float64Array(3), 2))).toEqual(["invalid-shape", ["kernel"]]);
    expect(code(() => stationaryDistribution(new Float64Array([1.1, -0.1, 0, 1]), 2))).toEqual([
      "invalid-probability",
      ["kernel", 0, 1],
    ]);
    expect(code(() => stationaryDistribution(new Float64Array([0.5, 0.5, Number.NaN, 1]), 2))).toEqual([
      "non-finite",
      ["kernel", 1, 0],
    ]);
    expect(code(() => stationaryDistribution(new Float64Array([0.5, 0.5, 0.5, 0.5 + 1e-8]), 2))).toEqual([
      "invalid-probability",
      ["kernel", 1],
    ]);
    expect(code(() => stationaryDistribution(new Float64Array([1]), 0))).toEqual(["invalid-argument", ["n"]]);
    expect(stationaryDistribution(new Float64Array([0.5, 0.5, 0.5, 0.5 + 1e-10]), 2)[0]).toBeCloseTo(0.5, 9);
  });
});

describe("createStationarySolver", () => {
  it("reuses its workspaces: repeated solves give bit-identical answers", () => {
    const solver = createStationarySolver(12);
    const k = randomIrreducibleKernel(12, 3, 0.4);
    const a = solver.solve(k, new Float64Array(12));
    const b = solver.solve(k, new Float64Array(12));
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(solver.lastSolve.method).toBe("gth");
  });

  it("iterative (GMRES, GTH fallback) agrees with GTH on random chains n = 1 … 30", () => {
    fc.assert(
      fc.property(chainArb, ({ n, seed, density }) => {
        const k = randomIrreducibleKernel(n, seed, density);
        const gth = createStationarySolver(n, { method: "gth" }).solve(k, new Float64Array(n));
        const iterative = createStationarySolver(n, { method: "iterative" });
        const nu = iterative.solve(k, new Float64Array(n));
        // GMRES itself must answer: a fallback would compare GTH with GTH.
        expect(iterative.lastSolve.method).toBe("iterative");
        let diff = 0;
        for (let i = 0; i < n; i++) diff += Math.abs(nu[i] - gth[i]);
        expect(diff).toBeLessThan(1e-11);
        expect(stationarityResidual(k, n, nu)).toBeLessThan(1e-12);
      }),
      { seed: 99, numRuns: 100 },
    );
  });

  it("iterative (GMRES) agrees with GTH on dense and sparse chains, n = 300 … 1000", () => {
    for (const [n, density, seed] of [
      [300, 1, 1],
      [400, 0.02, 2],
      [1000, 1, 3],
    ] as const) {
      const k = randomIrreducibleKernel(n, seed, density);
      const gth = createStationarySolver(n, { method: "gth" }).solve(k, new Float64Array(n));
      const iterative = createStationarySolver(n, { method: "iterative" });
      const nu = iterative.solve(k, new Float64Array(n));
      expect(iterative.lastSolve.method).toBe("iterative");
      expect(stationarityResidual(k, n, nu)).toBeLessThan(1e-12);
      let diff = 0;
      for (let i = 0; i < n; i++) diff += Math.abs(nu[i] - gth[i]);
      expect(diff).toBeLessThan(1e-12);
    }
  });

  it("iterative: a warm start from a nearby chain converges in fewer products", () => {
    const n = 500;
    const k = randomIrreducibleKernel(n, 11, 0.1);
    const solver = createStationarySolver(n);
    const first = solver.solve(k, new Float64Array(n));
    const cold = solver.lastSolve.matvecs;
    // Perturb the kernel a little and solve from the previous answer.
    const k2 = Float64Array.from(k, (v, idx) => v * (1 + 1e-6 * Math.sin(idx)));
    normaliseRows(k2, n);
    const warm = solver.solve(k2, new Float64Array(n), first);
    expect(solver.lastSolve.matvecs).toBeLessThan(cold);
    expect(stationarityResidual(k2, n, warm)).toBeLessThan(1e-12);
  });

  it("iterative: unichains get exact zeros on transient states; slow chains fall back to GTH", () => {
    const n = 250;
    const k = randomIrreducibleKernel(n, 5, 0.05);
    // Make states 0..9 transient: nothing enters them.
    for (let i = 0; i < n; i++) for (let j = 0; j < 10; j++) if (i !== j) k[i * n + j] = 0;
    normaliseRows(k, n);
    for (let j = 0; j < 10; j++) k[j * n + 10] += 0.1;
    normaliseRows(k, n);
    const solver = createStationarySolver(n, { method: "iterative" });
    const nu = solver.solve(k, new Float64Array(n));
    for (let j = 0; j < 10; j++) expect(nu[j]).toBe(0);
    expect(stationarityResidual(k, n, nu)).toBeLessThan(1e-12);
    const gth = createStationarySolver(n, { method: "gth" });
    const ref = gth.solve(k, new Float64Array(n));
    expect(gth.lastSolve.method).toBe("gth-closed-class");
    for (let i = 0; i < n; i++) expect(Math.abs(nu[i] - ref[i])).toBeLessThan(1e-13);
    // A long cycle mixes slowly; GMRES with a small budget gives up and GTH answers.
    const cycle = new Float64Array(n * n);
    for (let i = 0; i < n; i++) cycle[i * n + ((i + 1) % n)] = 1;
    const slow = createStationarySolver(n, { method: "iterative", maxMatvecs: 5 });
    const u = slow.solve(
      cycle,
      new Float64Array(n),
      Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0)),
    );
    expect(slow.lastSolve.fellBack).toBe(true);
    for (const v of u) expect(v).toBeCloseTo(1 / n, 15);
  });
});

describe("createStationarySolver, iterative: cached structure", () => {
  it("notices every change of support between solves (reducible, unichain, irreducible again)", () => {
    const n = 220;
    const solver = createStationarySolver(n); // auto → iterative at this size
    const a = randomIrreducibleKernel(n, 21, 0.1);
    const gth = createStationarySolver(n, { method: "gth" });
    const check = (k: Float64Array) => {
      const nu = solver.solve(k, new Float64Array(n));
      const ref = gth.solve(k, new Float64Array(n));
      let diff = 0;
      for (let i = 0; i < n; i++) diff += Math.abs(nu[i] - ref[i]);
      expect(diff).toBeLessThan(1e-12);
      return nu;
    };
    check(a);
    expect(solver.lastSolve.method).toBe("iterative");
    check(a); // same support: the structure is reused
    // Two closed classes: {0..109} and {110..219}, with nothing between them.
    const split = Float64Array.from(a);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i < 110 !== j < 110) split[i * n + j] = 0;
    for (let i = 0; i < n; i++) split[i * n + (i < 110 ? (i + 1) % 110 : 110 + ((i - 109) % 110))] += 0.5;
    normaliseRows(split, n);
    const error = expectReducible(() => solver.solve(split, new Float64Array(n)));
    expect((error.details as { closedClasses: number[][] }).closedClasses.length).toBe(2);
    expectReducible(() => solver.solve(split, new Float64Array(n)));
    // Unichain: the second block also leaks into the first, making it transient.
    const leak = Float64Array.from(split);
    for (let i = 110; i < n; i++) leak[i * n + 3] += 0.01;
    normaliseRows(leak, n);
    const nu = check(leak);
    for (let i = 110; i < n; i++) expect(nu[i]).toBe(0);
    // Back to the irreducible chain, and a new support that is still irreducible.
    check(a);
    const b = Float64Array.from(a);
    b[5 * n + 7] = 0;
    b[9 * n + 2] += 0.3;
    normaliseRows(b, n);
    check(b);
    expect(solver.lastSolve.method).toBe("iterative");
  });
});

describe("analyzeChain", () => {
  it("finds closed classes and transient states of a known graph", () => {
    const k = normaliseRows(
      // biome-ignore format: a matrix
      new Float64Array([
        1, 1, 0, 0, 0, 0,
        1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 0, 0,
        0, 0, 0, 0, 1, 0,
        0, 0, 0, 1, 0, 0,
        0, 0, 0, 0, 0, 1,
      ]),
      6,
    );
    expect(analyzeChain(k, 6)).toEqual({
      irreducible: false,
      closedClasses: [[0, 1], [3, 4], [5]],
      transientStates: [2],
    });
    // A transient chain of classes: {0} → {1, 2} → {3} (closed).
    const t = normaliseRows(new Float64Array([1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1]), 4);
    expect(analyzeChain(t, 4)).toEqual({
      irreducible: false,
      closedClasses: [[3]],
      transientStates: [0, 1, 2],
    });
    expect(analyzeChain(randomIrreducibleKernel(20, 9, 0.1), 20).irreducible).toBe(true);
    expect(analyzeChain(new Float64Array([1]), 1)).toEqual({
      irreducible: true,
      closedClasses: [[0]],
      transientStates: [],
    });
  });

  it("agrees with brute-force reachability on random sparse graphs", () => {
    // Second method: BFS from every state. i is recurrent iff every state it reaches reaches i back; the closed
    // classes are the mutual-reachability classes of recurrent states.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(0.02, 0.08, 0.15, 0.3),
        (n, seed, density) => {
          const u = fixtureUniforms(seed);
          const k = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) if (u() < density) k[i * n + j] = 1;
            k[i * n + Math.floor(u() * n)] = 1; // every row needs some mass
          }
          normaliseRows(k, n);
          const reach: boolean[][] = [];
          for (let i = 0; i < n; i++) {
            const seen = new Array<boolean>(n).fill(false);
            const queue = [i];
            seen[i] = true;
            while (queue.length > 0) {
              const v = queue.pop()!;
              for (let w = 0; w < n; w++) {
                if (k[v * n + w] > 0 && !seen[w]) {
                  seen[w] = true;
                  queue.push(w);
                }
              }
            }
            reach.push(seen);
          }
          const recurrent = (i: number) => reach[i]!.every((r, j) => !r || reach[j]![i]);
          const classes = new Map<number, number[]>();
          const transientStates: number[] = [];
          for (let i = 0; i < n; i++) {
            if (!recurrent(i)) {
              transientStates.push(i);
              continue;
            }
            const first = reach[i]!.findIndex((r, j) => r && reach[j]![i]);
            classes.set(first, [...(classes.get(first) ?? []), i]);
          }
          const closedClasses = [...classes.values()].sort((a, b) => a[0]! - b[0]!);
          const allMutual = reach.every((row) => row.every(Boolean));
          expect(analyzeChain(k, n)).toEqual({ irreducible: allMutual, closedClasses, transientStates });
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
  });

  it("handles n = 10⁴ on a path (DFS depth 10⁴) without recursion", () => {
    const n = 10_000;
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) k[i * n + ((i + 1) % n)] = 1;
    expect(analyzeChain(k, n).irreducible).toBe(true);
    // Make the last state absorbing: every other state becomes transient.
    k[(n - 1) * n] = 0;
    k[(n - 1) * n + n - 1] = 1;
    const s = analyzeChain(k, n);
    expect(s.closedClasses).toEqual([[n - 1]]);
    expect(s.transientStates.length).toBe(n - 1);
  });
});
