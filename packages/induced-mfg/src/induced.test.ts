import { captureMfkitError } from "@mfkit/core";
import {
  createEnvironment,
  exploitability,
  type MeanFieldGame,
  validateMeanFieldGame,
} from "@mfkit/mean-field";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createNPlayerGame, fromMeanFieldGame, type NPlayerGame } from "./game.js";
import { forEachGridPoint } from "./grid.js";
import { heterogeneousGame } from "./heterogeneous.js";
import { type Extension, inducedMeanFieldGame } from "./induced.js";
import { gridLipschitz } from "./lipschitz.js";
import { symmetrize } from "./symmetrize.js";
import { measureSymmetry } from "./symmetry.js";

const EXTENSIONS: Extension[] = ["nearest", "freudenthal", "mcshane"];

/** Compares the induced MFG with sym(G) at every grid point (cells z with σ(z) ≥ 1/N). */
function expectExactOnGrid(game: NPlayerGame, induced: MeanFieldGame): void {
  const N = game.nAgents;
  const K = game.nStates * game.nActions;
  const { rowPtr } = game.transitionPattern;
  const nnz = game.transitionPattern.col.length;
  const sym = symmetrize(game);
  const r1 = new Float64Array(K);
  const r2 = new Float64Array(K);
  const p1 = new Float64Array(nnz);
  const p2 = new Float64Array(nnz);
  const sigma = new Float64Array(K);
  for (let t = 0; t <= game.horizon; t++) {
    forEachGridPoint(N, K, (c) => {
      for (let k = 0; k < K; k++) sigma[k] = c[k]! / N;
      sym.reward(t, sigma, new Float64Array(0), r1);
      induced.reward(t, sigma, r2);
      if (t < game.horizon) {
        sym.transitionValues(t, sigma, new Float64Array(0), p1);
        induced.transitionValues(t, sigma, p2);
      }
      for (let z = 0; z < K; z++) {
        if (c[z] === 0) continue;
        expect(r2[z]).toBeCloseTo(r1[z]!, 12);
        if (t < game.horizon) {
          for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) expect(p2[k]).toBeCloseTo(p1[k]!, 12);
        }
      }
    });
  }
}

describe("exactly symmetric games", () => {
  it("sym(G) = G, α = β = 0 (exact over the grid), and every extension reproduces G on the grid", () => {
    for (const [name, params, N] of [
      ["left_right", {}, 5],
      ["susceptible_infected", { T: 3 }, 6],
      ["rock_paper_scissors", {}, 3],
    ] as const) {
      const base = createEnvironment(name, params);
      const game = fromMeanFieldGame(base, N);
      expect(symmetrize(game)).toBe(game);
      const m = measureSymmetry(game);
      expect(m.exact).toBe(true);
      expect(m.alpha).toBe(0);
      expect(m.beta).toBe(0);
      for (const ext of EXTENSIONS) {
        const induced = inducedMeanFieldGame(game, { extension: ext });
        expect(validateMeanFieldGame(induced)._tag).toBe("Right");
        expectExactOnGrid(game, induced);
      }
    }
  });

  it("the induced MFG equals the game's own MFG at every L with L(z) ≥ 1/N (Freudenthal; r, P affine in L)", () => {
    // left_right (r linear in μ) and SIS (P linear in μ(I)): the Freudenthal extension is the MFG itself
    // wherever the querying agent fits in L; on grid points this holds for every extension.
    for (const [name, params, N] of [
      ["left_right", {}, 7],
      ["susceptible_infected", { T: 2 }, 9],
      ["rock_paper_scissors", {}, 11],
    ] as const) {
      const base = createEnvironment(name, params);
      const induced = inducedMeanFieldGame(fromMeanFieldGame(base, N), { extension: "freudenthal" });
      const K = base.nStates * base.nActions;
      const nnz = base.transitionPattern.col.length;
      const { rowPtr } = base.transitionPattern;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: K, maxLength: K }),
          fc.integer({ min: 0, max: base.horizon }),
          (x, t) => {
            const s = x.reduce((a, b) => a + b, 0);
            fc.pre(s > 0);
            const L = Float64Array.from(x, (v) => v / s);
            const [r1, r2] = [new Float64Array(K), new Float64Array(K)];
            base.reward(t, L, r1);
            induced.reward(t, L, r2);
            const [p1, p2] = [new Float64Array(nnz), new Float64Array(nnz)];
            if (t < base.horizon) {
              base.transitionValues(t, L, p1);
              induced.transitionValues(t, L, p2);
            }
            for (let z = 0; z < K; z++) {
              if (L[z]! < 1 / N) continue;
              expect(r2[z]).toBeCloseTo(r1[z]!, 10);
              if (t < base.horizon) {
                for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) expect(p2[k]).toBeCloseTo(p1[k]!, 10);
              }
            }
          },
        ),
        { seed: 21, numRuns: 150 },
      );
    }
  });

  it("left_right: the induced MFG has the MFG's unit exploitabilities up to the 1/N self-effect", () => {
    const base = createEnvironment("left_right", {});
    const allLeft = new Float64Array(2 * 3 * 2);
    for (let r = 0; r < 6; r++) allLeft[r * 2] = 1;
    expect(exploitability(base, allLeft)).toBeCloseTo(1, 12);
    for (const N of [10, 100, 1000]) {
      const induced = inducedMeanFieldGame(fromMeanFieldGame(base, N));
      // Deviating to R costs −2·(1/N) (the deviator alone on R): gain exactly 1 − 2/N.
      expect(exploitability(induced, allLeft)).toBeCloseTo(1 - 2 / N, 12);
    }
  });
});

describe("extensions off the grid", () => {
  // A non-affine symmetric game with σ-dependent rewards and transitions on S = 2, A = 2.
  const pattern = {
    rowPtr: Int32Array.from([0, 2, 4, 6, 8]),
    col: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
  };
  const game = createNPlayerGame({
    name: "toy",
    nAgents: 4,
    horizon: 1,
    nStates: 2,
    nActions: 2,
    mu0: [0.5, 0.5],
    transitionPattern: pattern,
    nParams: 0,
    reward(t, sigma, _theta, out) {
      for (let z = 0; z < 4; z++) out[z] = Math.sin(3 * sigma[z]! + z) * (1 + t) - sigma[3]! ** 2;
    },
    transitionValues(_t, sigma, _theta, out) {
      for (let z = 0; z < 4; z++) {
        const p = 0.2 + 0.6 * sigma[(z + 1) % 4]! ** 2;
        out[2 * z] = 1 - p;
        out[2 * z + 1] = p;
      }
    },
  });

  it("every extension is exact on the grid for a non-affine game", () => {
    for (const ext of EXTENSIONS) expectExactOnGrid(game, inducedMeanFieldGame(game, { extension: ext }));
  });

  it("McShane keeps the grid Lipschitz constant off the grid, at every scale (property)", () => {
    const mc = inducedMeanFieldGame(game, { extension: "mcshane" });
    const { LR } = gridLipschitz(game);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(1, 1e-2, 1e-4, 1e-7),
        (x, y, h) => {
          const L = simplexPoint(x);
          const L2 = Float64Array.from(simplexPoint(y), (v, k) => (1 - h) * L[k]! + h * v);
          const [a, b] = [new Float64Array(4), new Float64Array(4)];
          mc.reward(1, L, a);
          mc.reward(1, L2, b);
          const d = l1(L, L2);
          for (let z = 0; z < 4; z++) expect(Math.abs(a[z]! - b[z]!)).toBeLessThanOrEqual(LR * d + 1e-12);
        },
      ),
      { seed: 22, numRuns: 200 },
    );
  });

  it("Freudenthal is affine on each simplex of the (N−1)-grid: midpoint values (property)", () => {
    const fr = inducedMeanFieldGame(game, { extension: "freudenthal" });
    const z = 0;
    // Two points close together in the same cell: f((L1+L2)/2) = (f(L1)+f(L2))/2 unless a face is crossed.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.3, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (x, dir) => {
          const s = x.reduce((a, b) => a + b, 0);
          const L1 = Float64Array.from(x, (v) => v / s);
          const mean = dir.reduce((a, b) => a + b, 0) / 4;
          const h = 1e-5;
          const L2 = Float64Array.from(L1, (v, k) => v + h * (dir[k]! - mean));
          const M = Float64Array.from(L1, (v, k) => (v + L2[k]!) / 2);
          const [a, b, c] = [new Float64Array(4), new Float64Array(4), new Float64Array(4)];
          fr.reward(0, L1, a);
          fr.reward(0, L2, b);
          fr.reward(0, M, c);
          expect(c[z]).toBeCloseTo((a[z]! + b[z]!) / 2, 9);
        },
      ),
      { seed: 23, numRuns: 200 },
    );
  });
});

/** x (entries ≥ 0, not all 0) scaled onto the simplex. */
function simplexPoint(x: readonly number[]): Float64Array {
  const s = x.reduce((a, b) => a + b, 0);
  return Float64Array.from(x, (v) => v / s);
}

function l1(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d += Math.abs(a[k]! - b[k]!);
  return d;
}

describe("Freudenthal (Kuhn) interpolation of the induced MFG: K = 6 cells, N = 5", () => {
  // S = 3, A = 2: the others' measure ω lives on the grid of 4-agent measures on 6 cells (126 points);
  // each Kuhn simplex has 6 vertices. The induced MFG at (z, L) with L(z) ≥ 1/N is
  //   f(z, L) = Σ_p λ_p g_z(c_p),   g_z(c) = sym(G)((c + e_z)/N)[z],
  // where Σ_p λ_p c_p = (N − 1)·ω and ω = (N·L − e_z)/(N − 1): so Σ_p λ_p (c_p + e_z)/N = L.
  const [S, A, N, T] = [3, 2, 5, 1];
  const K = S * A;
  const rowPtr = Int32Array.from({ length: K + 1 }, (_, z) => S * z);
  const col = Int32Array.from({ length: K * S }, (_, k) => k % S);
  const nnz = col.length;
  /** Fixed "random" coefficients in [−1, 1]. */
  const coef = (i: number, j: number) => Math.sin(1.7 * i + 0.31 * j * j + 0.5 * j + 0.2);
  // Q[z][k] is a stochastic row over S next states; a mixture Σ_k σ_k Q[z][k] is stochastic and affine in σ.
  const Q = Array.from({ length: K }, (_, z) =>
    Array.from({ length: K }, (_, k) => simplexPoint([0, 1, 2].map((s) => 1.1 + coef(z + 7 * s, k)))),
  );
  const spec = (name: string) => ({
    name,
    nAgents: N,
    horizon: T,
    nStates: S,
    nActions: A,
    mu0: [0.5, 0.3, 0.2],
    transitionPattern: { rowPtr, col },
    nParams: 0,
  });
  const affine = createNPlayerGame({
    ...spec("affine"),
    reward(t, sigma, _theta, out) {
      for (let z = 0; z < K; z++) {
        let v = coef(z, 11) + t;
        for (let k = 0; k < K; k++) v += (1 + t) * coef(z, k) * sigma[k]!;
        out[z] = v;
      }
    },
    transitionValues(_t, sigma, _theta, out) {
      for (let z = 0; z < K; z++) {
        for (let s = 0; s < S; s++) {
          let v = 0;
          for (let k = 0; k < K; k++) v += sigma[k]! * Q[z]![k]![s]!;
          out[rowPtr[z]! + s] = v;
        }
      }
    },
  });
  const curved = createNPlayerGame({
    ...spec("curved"),
    reward(t, sigma, _theta, out) {
      for (let z = 0; z < K; z++) {
        out[z] =
          Math.sin(3 * sigma[z]! + z) * (1 + t) -
          sigma[5]! ** 2 +
          2 * sigma[0]! * Math.exp(sigma[(z + 1) % K]!);
      }
    },
    transitionValues(_t, sigma, _theta, out) {
      for (let z = 0; z < K; z++) {
        let total = 0;
        for (let s = 0; s < S; s++) {
          const w = Math.exp(3 * sigma[(z + 2 * s) % K]! + coef(z, s));
          out[rowPtr[z]! + s] = w;
          total += w;
        }
        for (let s = 0; s < S; s++) out[rowPtr[z]! + s] = out[rowPtr[z]! + s]! / total;
      }
    },
  });

  /** L = (e_z + (N − 1)·ω)/N: the agent at z plus others distributed as ω, so L(z) ≥ 1/N. */
  const withAgent = (omega: Float64Array, z: number) =>
    Float64Array.from(omega, (v, k) => ((k === z ? 1 : 0) + (N - 1) * v) / N);
  /** Simplex points with some cells exactly 0 (the faces of the simplex, where Kuhn cells are cut). */
  const omegaArb = fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: K,
      maxLength: K,
    })
    .filter((x) => x.some((v) => v > 1e-3))
    .map(simplexPoint);

  /** f(z, L) of the induced game: the reward of cell z and the transition row of cell z. */
  const evaluate = (g: MeanFieldGame, t: number, L: Float64Array, z: number) => {
    const r = new Float64Array(K);
    const p = new Float64Array(nnz);
    g.reward(t, L, r);
    if (t < T) g.transitionValues(t, L, p);
    // No transition at the last epoch.
    return { reward: r[z]!, row: t < T ? Array.from(p.subarray(rowPtr[z]!, rowPtr[z + 1]!)) : [] };
  };

  it("(a) exact at every grid point: induced = sym(G) to 1e-12 (non-affine game)", () => {
    expectExactOnGrid(curved, inducedMeanFieldGame(curved, { extension: "freudenthal" }));
  });

  it("(b) reproduces a game affine in σ exactly anywhere with L(z) ≥ 1/N, faces included, to 1e-12 (property)", () => {
    const fr = inducedMeanFieldGame(affine, { extension: "freudenthal" });
    const r = new Float64Array(K);
    const p = new Float64Array(nnz);
    let worst = 0;
    fc.assert(
      fc.property(
        omegaArb,
        fc.integer({ min: 0, max: K - 1 }),
        fc.integer({ min: 0, max: T }),
        (omega, z, t) => {
          const L = withAgent(omega, z);
          // The game itself at L (sym(G) = G here, and an affine game can be read at any L).
          affine.reward(t, L, new Float64Array(0), r);
          if (t < T) affine.transitionValues(t, L, new Float64Array(0), p);
          const got = evaluate(fr, t, L, z);
          let err = Math.abs(got.reward - r[z]!);
          got.row.forEach((v, s) => {
            err = Math.max(err, Math.abs(v - p[rowPtr[z]! + s]!));
          });
          worst = Math.max(worst, err);
          expect(err).toBeLessThanOrEqual(1e-12);
        },
      ),
      { seed: 24, numRuns: 500 },
    );
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it("(c) Lipschitz across Kuhn facets: |f(L) − f(L′)| ≤ Lip·‖L − L′‖₁, Lip from the grid values (property)", () => {
    const fr = inducedMeanFieldGame(curved, { extension: "freudenthal" });
    const M = N - 1;
    // On one Kuhn simplex, in the cumulative coordinates y_j = M·Σ_{k≥j} ω_k (j = 1..K−1), f is affine
    // with ∂f/∂y_j = g(c′) − g(c) for two grid points c′ = c − e_{j−1} + e_j (one agent moved from cell
    // j−1 to j). So |f(y) − f(y′)| ≤ D·‖y − y′‖₁ with D the largest such difference over the grid
    // (f is continuous, the domain convex). ‖Δy‖₁ ≤ M(K−1)/2·‖Δω‖₁ (each Σ_{k≥j} Δω_k is at most half
    // of ‖Δω‖₁ since ΣΔω = 0) and Δω = N/(N−1)·ΔL, hence Lip = D·N(K−1)/2.
    const sigma = new Float64Array(K);
    const [r, p] = [new Float64Array(K), new Float64Array(nnz)];
    const g = (t: number, c: Int32Array, z: number) => {
      for (let k = 0; k < K; k++) sigma[k] = (c[k]! + (k === z ? 1 : 0)) / N;
      curved.reward(t, sigma, new Float64Array(0), r);
      if (t < T) curved.transitionValues(t, sigma, new Float64Array(0), p);
      return [r[z]!, ...p.subarray(rowPtr[z]!, rowPtr[z + 1]!)];
    };
    /** lip[t][z][0] for the reward, lip[t][z][1 + s] for the transition to s. */
    const lip = Array.from({ length: T + 1 }, (_, t) =>
      Array.from({ length: K }, (_, z) => {
        const D = new Array<number>(1 + S).fill(0);
        forEachGridPoint(M, K, (c) => {
          const here = g(t, c, z);
          for (let j = 1; j < K; j++) {
            if (c[j - 1] === 0) continue;
            const moved = Int32Array.from(c);
            moved[j - 1] = moved[j - 1]! - 1;
            moved[j] = moved[j]! + 1;
            g(t, moved, z).forEach((v, i) => {
              D[i] = Math.max(D[i]!, Math.abs(v - here[i]!));
            });
          }
        });
        return D.map((d) => (d * N * (K - 1)) / 2);
      }),
    );
    // Every constant is positive (the game is non-affine in every direction), none is huge.
    const constants = [...lip.slice(0, T).flat(2), ...lip[T]!.map((c) => c[0]!)];
    expect(Math.min(...constants)).toBeGreaterThan(0);
    expect(Math.max(...constants)).toBeLessThan(100);
    let pairs = 0;
    const check = (t: number, z: number, L: Float64Array, L2: Float64Array) => {
      const [a, b] = [evaluate(fr, t, L, z), evaluate(fr, t, L2, z)];
      const d = l1(L, L2);
      const bound = lip[t]![z]!;
      expect(Math.abs(a.reward - b.reward)).toBeLessThanOrEqual(bound[0]! * d + 1e-12);
      a.row.forEach((v, s) => {
        expect(Math.abs(v - b.row[s]!)).toBeLessThanOrEqual(bound[1 + s]! * d + 1e-12);
      });
      pairs += 1;
    };
    fc.assert(
      fc.property(
        omegaArb,
        omegaArb,
        fc.integer({ min: 0, max: K - 1 }),
        fc.integer({ min: 0, max: T }),
        fc.constantFrom(1, 1e-2, 1e-4, 1e-7),
        (w1, w2, z, t, h) => {
          // A pair at distance ~h, and a walk of 64 steps from w1 to w2 (consecutive points 1/64 apart),
          // which crosses many Kuhn facets (the grid spacing is 1/4).
          const near = Float64Array.from(w1, (v, k) => (1 - h) * v + h * w2[k]!);
          check(t, z, withAgent(w1, z), withAgent(near, z));
          let prev = withAgent(w1, z);
          for (let i = 1; i <= 64; i++) {
            const next = withAgent(
              Float64Array.from(w1, (v, k) => v + (i / 64) * (w2[k]! - v)),
              z,
            );
            check(t, z, prev, next);
            prev = next;
          }
        },
      ),
      { seed: 25, numRuns: 300 },
    );
    expect(pairs).toBe(300 * 65);
  });
});

describe("symmetrisation of heterogeneous games", () => {
  it("the O(N) formula equals brute-force N! permutation averaging (N = 4, non-affine θ)", () => {
    const pattern = { rowPtr: Int32Array.from([0, 2, 4]), col: Int32Array.from([0, 1, 0, 1]) };
    const thetas = [0.1, 0.7, -0.4, 1.3];
    const f = (z: number, sigma: Float64Array, th: number) =>
      Math.cos(th * (1 + sigma[z]!)) + th * th * sigma[1]!;
    const game = createNPlayerGame({
      name: "nonaffine",
      nAgents: 4,
      horizon: 0,
      nStates: 2,
      nActions: 1,
      mu0: [1, 0],
      transitionPattern: pattern,
      nParams: 1,
      params: thetas,
      affineInParams: false,
      reward(_t, sigma, theta, out) {
        for (let z = 0; z < 2; z++) out[z] = f(z, sigma, theta[0]!);
      },
      transitionValues(_t, _sigma, _theta, out) {
        out.set([0.5, 0.5, 0.5, 0.5]);
      },
    });
    const sym = symmetrize(game);
    // Brute force: profiles s ∈ {0,1}^4; R̄^i(s) = (1/4!) Σ_ρ R^{ρ(i)}(ρ·s) with R^j(s) = f(s_j, σ(s); θ_j).
    const perms: number[][] = [];
    const permute = (rest: number[], acc: number[]) => {
      if (rest.length === 0) perms.push(acc);
      for (let k = 0; k < rest.length; k++)
        permute([...rest.slice(0, k), ...rest.slice(k + 1)], [...acc, rest[k]!]);
    };
    permute([0, 1, 2, 3], []);
    for (let mask = 0; mask < 16; mask++) {
      const s = [0, 1, 2, 3].map((j) => (mask >> j) & 1);
      const sigma = new Float64Array(2);
      for (const x of s) sigma[x] = sigma[x]! + 0.25;
      const out = new Float64Array(2);
      sym.reward(0, sigma, new Float64Array(0), out);
      for (let i = 0; i < 4; i++) {
        let acc = 0;
        for (const rho of perms) {
          const moved = new Array<number>(4);
          for (let j = 0; j < 4; j++) moved[rho[j]!] = s[j]!;
          const slot = rho[i]!;
          acc += f(moved[slot]!, sigma, thetas[slot]!);
        }
        expect(out[s[i]!]).toBeCloseTo(acc / perms.length, 12);
      }
    }
    expect(symmetrize(sym)).toBe(sym);
  });

  it("heterogeneous SIS: sym(G) is the base game; α = 1.62·u_max·(N−1)/N on the grid, β = 1.5·v_max", () => {
    const N = 5;
    const game = heterogeneousGame("susceptible_infected", {
      nAgents: N,
      uMax: 0.2,
      vMax: 0.1,
      envParams: { T: 1 },
    });
    const m = measureSymmetry(game);
    expect(m.exact).toBe(true);
    expect(m.alpha).toBeCloseTo(2 * 0.81 * 0.2 * ((N - 1) / N), 12);
    expect(m.beta).toBeCloseTo(1.5 * 0.1, 12);
    const base = createEnvironment("susceptible_infected", { T: 1 });
    expectExactOnGrid(fromMeanFieldGame(base, N), inducedMeanFieldGame(game));
  });
});

describe("bad input", () => {
  const base = createEnvironment("left_right", {});
  it("N < 2 → invalid-argument", () => {
    expect(captureMfkitError(() => fromMeanFieldGame(base, 1)).code).toBe("invalid-argument");
    expect(captureMfkitError(() => heterogeneousGame("left_right", { nAgents: 1 })).path).toEqual([
      "nAgents",
    ]);
  });
  it("mismatched per-agent parameters → invalid-shape", () => {
    const e = captureMfkitError(() => heterogeneousGame("left_right", { nAgents: 4, v: [0.1, -0.1] }));
    expect(e.code).toBe("invalid-shape");
    const e2 = captureMfkitError(() =>
      createNPlayerGame({ ...fromMeanFieldGame(base, 3), nParams: 2, params: [1, 2, 3] }),
    );
    expect(e2.code).toBe("invalid-shape");
    expect(e2.path).toEqual(["params"]);
  });
  it("non-stochastic transitions → invalid-probability with the offending place", () => {
    const e = captureMfkitError(() => heterogeneousGame("susceptible_infected", { nAgents: 4, uMax: 0.5 }));
    expect(e.code).toBe("invalid-probability");
    expect(e.path.slice(0, 1)).toEqual(["transitions"]);
    expect(e.path.slice(2)).toEqual([0, 0]);
  });
  it("unknown extension and oversized McShane grids → typed errors", () => {
    const g = fromMeanFieldGame(base, 50);
    expect(captureMfkitError(() => inducedMeanFieldGame(g, { extension: "cubic" as Extension })).code).toBe(
      "invalid-argument",
    );
    expect(captureMfkitError(() => inducedMeanFieldGame(g, { extension: "mcshane" })).code).toBe(
      "invalid-argument",
    );
  });
});
