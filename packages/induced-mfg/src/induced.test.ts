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

  it("Freudenthal is continuous and McShane keeps the grid Lipschitz constant (property)", () => {
    const fr = inducedMeanFieldGame(game, { extension: "freudenthal" });
    const mc = inducedMeanFieldGame(game, { extension: "mcshane" });
    const { LR } = gridLipschitz(game);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (x, dir) => {
          const s = x.reduce((a, b) => a + b, 0);
          const L = Float64Array.from(x, (v) => v / s);
          const mean = dir.reduce((a, b) => a + b, 0) / 4;
          const h = 1e-7;
          const L2 = Float64Array.from(L, (v, k) => v + h * (dir[k]! - mean));
          fc.pre(L2.every((v) => v >= 0));
          let d = 0;
          for (let k = 0; k < 4; k++) d += Math.abs(L2[k]! - L[k]!);
          const a = new Float64Array(4);
          const b = new Float64Array(4);
          fr.reward(0, L, a);
          fr.reward(0, L2, b);
          for (let z = 0; z < 4; z++) expect(Math.abs(a[z]! - b[z]!)).toBeLessThan(1e-4);
          mc.reward(1, L, a);
          mc.reward(1, L2, b);
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
