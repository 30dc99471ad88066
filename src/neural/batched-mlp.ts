/**
 * R multilayer perceptrons of one architecture trained as one computation: the replicate networks
 * of a run. Parameters are an R×P tensor, row r the flat θ of replicate r in Mlp's layout
 * (common.ts), so that a row can be handed to an Mlp as is; activations are R×B×k tensors. Every
 * op is independent across the replicate axis, so replicate r's result does not depend on R
 * (tests/unit/neural-batched.test.ts). The maths is Mlp's.
 *
 * Where it pays: on backends whose cost is per dispatched kernel (WebGL, WebGPU) a step costs
 * about the same for R networks as for one. On wasm and cpu it does not (see batchPays).
 */
import * as tf from '@tensorflow/tfjs';
import type { FitOptions } from '../engine/learners/model';
import type { Activation, Mlp } from './common';

/**
 * act(a·b + bias) over the replicate axis, a R×m×k (R×k×m when transposeA), b R×k×n (R×n×k when
 * transposeB), bias R×1×n: one kernel for all R. wasm's fused kernel takes only a rank-1 bias, so
 * there the bias and the activation are separate ops.
 */
function replicateMatMul(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  transposeA = false,
  transposeB = false,
  bias?: tf.Tensor3D,
  activation: Activation | 'linear' = 'linear',
  leakyreluAlpha = 0,
): tf.Tensor3D {
  if (tf.getBackend() !== 'wasm') return tf.fused.matMul({ a, b, transposeA, transposeB, bias, activation, leakyreluAlpha }) as tf.Tensor3D;
  const y = tf.matMul(a, b, transposeA, transposeB);
  const z = bias ? tf.add(y, bias) : y;
  return (activation === 'relu' ? tf.relu(z) : activation === 'leakyrelu' ? tf.leakyRelu(z, leakyreluAlpha) : z) as tf.Tensor3D;
}

/**
 * Whether training R replicates as one computation is faster than one after another on the
 * current backend, as measured (bench/neural.bench.ts, bench/neural-browser.bench.ts): not on wasm,
 * whose rank-3 matMul runs a naive loop where its rank-2 product runs XNNPACK, nor on cpu, where
 * the products' arithmetic dominates; on WebGL and WebGPU, where each kernel dispatch has a fixed
 * cost, one dispatch then serves R networks.
 */
function batchPays(): boolean {
  const backend = tf.getBackend();
  return backend === 'webgl' || backend === 'webgpu';
}

/** Whether a fitBatch of `count` fits trains them as one computation under `mode` (PointNetworkOptions). */
export function trainsAsBatch(mode: 'auto' | 'on' | 'off', count: number): boolean {
  return mode === 'on' || (mode === 'auto' && count > 1 && batchPays());
}

type BatchOptions = Omit<FitOptions, 'previous'>;

/**
 * The options of one training of a batch of `total` fits, whose progress Learner.fitBatch reports
 * summed over the batch: it trains `count` of the fits together (1, or all of them), after
 * `before` fits that are done.
 */
function batchShare(options: BatchOptions | undefined, before: number, count: number, total: number): BatchOptions | undefined {
  const onProgress = options?.onProgress;
  if (!onProgress) return options;
  return { ...options, onProgress: (step, steps) => onProgress(before * steps + count * step, total * steps) };
}

/** Options for training all `count` fits of a batch together. */
export function togetherOptions(options: BatchOptions | undefined, count: number): BatchOptions | undefined {
  return batchShare(options, 0, count, count);
}

/** The fits of a batch taken one after another (where batching does not pay); frees those done when one fails. */
export async function oneAfterAnother<P, M extends { dispose(): void }>(jobs: readonly P[], options: BatchOptions | undefined, fit: (job: P, options?: BatchOptions) => Promise<M>): Promise<M[]> {
  const models: M[] = [];
  try {
    for (const [i, job] of jobs.entries()) models.push(await fit(job, batchShare(options, i, 1, jobs.length)));
    return models;
  } catch (error) {
    for (const model of models) model.dispose();
    throw error;
  }
}

export interface BatchedTrace {
  out: tf.Tensor3D;
  /** Input of each layer: h[0] = x, h[i] = activation output of hidden layer i. */
  h: tf.Tensor3D[];
  params: { w: tf.Tensor3D[]; b: tf.Tensor3D[] };
}

/** R networks of `mlp`'s architecture, parameters R×P (see above). */
export class BatchedMlp {
  constructor(readonly mlp: Mlp) {}

  /** Weight (R×fanIn×fanOut) and bias (R×1×fanOut) tensors sliced from θ (call inside tf.tidy). */
  unpack(theta: tf.Tensor2D): { w: tf.Tensor3D[]; b: tf.Tensor3D[] } {
    const R = theta.shape[0];
    const { sizes } = this.mlp;
    const w: tf.Tensor3D[] = [];
    const b: tf.Tensor3D[] = [];
    let o = 0;
    for (let i = 0; i + 1 < sizes.length; i++) {
      const fanIn = sizes[i];
      const fanOut = sizes[i + 1];
      w.push(tf.reshape(tf.slice(theta, [0, o], [R, fanIn * fanOut]), [R, fanIn, fanOut]));
      b.push(tf.reshape(tf.slice(theta, [0, o + fanIn * fanOut], [R, fanOut]), [R, 1, fanOut]));
      o += fanIn * fanOut + fanOut;
    }
    return { w, b };
  }

  /** Forward pass of all R networks on x (R×B×sizes[0]), inside tf.tidy. */
  forward(theta: tf.Tensor2D, x: tf.Tensor3D): BatchedTrace {
    const params = this.unpack(theta);
    const layers = this.mlp.layers;
    const h: tf.Tensor3D[] = [x];
    let y = x;
    for (let i = 0; i < layers; i++) {
      const hidden = i + 1 < layers;
      y = replicateMatMul(y, params.w[i], false, false, params.b[i], hidden ? this.mlp.activation : 'linear', this.mlp.alpha);
      if (hidden) h.push(y);
    }
    return { out: y, h, params };
  }

  apply(theta: tf.Tensor2D, x: tf.Tensor3D): tf.Tensor3D {
    return this.forward(theta, x).out;
  }

  /** Mlp.backward for all R networks: ∂L/∂θ (R×P) and/or ∂L/∂x (R×B×sizes[0]), inside tf.tidy. */
  backward(trace: BatchedTrace, dOut: tf.Tensor3D, want: { paramGrads: boolean; inputGrad: boolean }): { dTheta?: tf.Tensor2D; dx?: tf.Tensor3D } {
    const R = dOut.shape[0];
    const parts: tf.Tensor2D[] = [];
    let g = dOut;
    for (let i = this.mlp.layers - 1; i >= 0; i--) {
      const input = trace.h[i];
      if (want.paramGrads) parts.push(tf.sum(g, 1), tf.reshape(replicateMatMul(input, g, true, false), [R, -1]));
      if (i > 0 || want.inputGrad) {
        g = replicateMatMul(g, trace.params.w[i], false, true);
        if (i > 0) g = tf.mul(g, tf.step(input, this.mlp.alpha)) as tf.Tensor3D;
      }
    }
    const result: { dTheta?: tf.Tensor2D; dx?: tf.Tensor3D } = {};
    if (want.paramGrads) result.dTheta = tf.concat(parts.reverse(), 1);
    if (want.inputGrad) result.dx = g;
    return result;
  }
}
