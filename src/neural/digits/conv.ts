/**
 * 2-D convolution and transposed convolution (NHWC) that can be trained on every backend,
 * WebAssembly included, and fast there.
 *
 * tfjs-backend-wasm has no Conv2DBackpropFilter kernel (tf.grads of a convolution's filter throws
 * there), and its Conv2DBackpropInput kernel (tf.conv2dTranspose, and the input gradient of
 * tf.conv2d) is a plain loop 5–15× slower than its XNNPACK Conv2D. So `customConv2d` and
 * `customConv2dTranspose` are tf.customGrad ops in which every convolution is a forward tf.conv2d:
 *
 * - conv2d's value: tf.conv2d.
 * - conv2d's input gradient, and conv2dTranspose's value (the same map): `inputGradient`, one
 *   stride-1 conv2d of the padded dy with the filter flipped in space and its channel axes swapped;
 *   for a stride s > 1 the s² output phases are computed at once by the s² sub-filters stacked
 *   along the output channels and interleaved by a depth-to-space reshape (the "sub-pixel" form). Measured
 *   on this project's machine, batch 64: a 4×4 stride-2 transposed conv 7×7×64 → 14×14×32 takes
 *   ~30 ms against ~75 ms for tf.conv2dTranspose, 14×14×64 → 28×28×32 ~110 against ~330 ms, and
 *   LeNet's 5×5 input gradient (10×10×16 → 14×14×6) ~1.5 ms against ~14 ms.
 * - conv2dTranspose's input gradient: tf.conv2d(dy, W) (conv2dTranspose is conv2d's adjoint).
 * - the filter gradient of either: `filterGradient`, the correlation of the padded input with dy
 *   summed over the batch, which is one tf.conv2d with batch and channels swapped (input
 *   [C, H', W', B], dy as the filter [OH, OW, B, O], dilated by the strides) and two transposes.
 *   (An im2col product — one slice of the input per filter tap, stacked, then one matMul — gives
 *   the same numbers, but tfjs's wasm Slice and StridedSlice copy row by row in JavaScript:
 *   measured on this project's machine for batch 64, LeNet's 5×5 layers 5.7 and 9.0 ms against
 *   3.9 and 1.9 ms, and a 4×4 stride-2 32 → 64 layer on 14×14 230 ms against 13 ms.)
 *
 * Only the Conv2D, Transpose, PadV2, Reverse, DepthToSpace, Slice and Reshape kernels run, all
 * native on wasm; no matMul with transposeA/transposeB (`matMul` below is a dense layer's product
 * whose gradient avoids them too). The tests check values and both gradients against tfjs's own
 * ops and tf.grads on cpu (tests/unit/digits-conv.test.ts).
 *
 * `conv2d` and `conv2dTranspose` are what networks should call: on a backend that has
 * Conv2DBackpropFilter (cpu, webgl, webgpu) they are tfjs's own ops with tfjs's gradients; on wasm
 * (and any other backend without it) the custom ops above.
 *
 * A custom gradient computes the gradients of all its inputs whenever any is needed. The input
 * gradient of a network's first layer (its input is data) is wasted work, so every op takes
 * `{ inputGrad: false }`: the input is then a constant of the op (no gradient flows into it, and
 * tf.grads with respect to it fails as for any unconnected tensor).
 *
 * Filters use tfjs's layouts: conv2d [kh, kw, inChannels, outChannels]; conv2dTranspose
 * [kh, kw, outChannels, inChannels] (the filter of the conv2d it is the transpose of).
 */
import * as tf from '@tensorflow/tfjs';

/** Strides (height, width), or one stride for both. */
export type Strides = number | [number, number];
/** tfjs's padding: 'same', 'valid', or the same number of zeros on every side. */
export type Padding = 'same' | 'valid' | number;

export interface ConvOptions {
  /**
   * Whether the gradient with respect to the input is wanted (default true). false: the input is
   * a constant of the op, and the backward pass skips its gradient (for layers fed with data).
   */
  inputGrad?: boolean;
}

function pair(s: Strides): [number, number] {
  return typeof s === 'number' ? [s, s] : s;
}

/** Zero-pads (positive amounts) or crops (negative amounts) the two spatial axes of an NHWC tensor. */
function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  let y = x;
  if (top > 0 || bottom > 0 || left > 0 || right > 0)
    y = tf.pad(y, [
      [0, 0],
      [Math.max(top, 0), Math.max(bottom, 0)],
      [Math.max(left, 0), Math.max(right, 0)],
      [0, 0],
    ]);
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [b, h, w, c] = y.shape;
    const t = Math.max(-top, 0);
    const l = Math.max(-left, 0);
    y = tf.slice(y, [0, t, l, 0], [b, h - t - Math.max(-bottom, 0), w - l - Math.max(-right, 0), c]);
  }
  return y;
}

/** Inserts s − 1 zeros after every row (column) of an NHWC tensor: [B, H, W, C] → [B, H·sh, W·sw, C]. */
function dilate(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return x;
  const [b, h, w, c] = x.shape;
  const spread = tf.pad(tf.reshape(x, [b, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.reshape(spread, [b, h * sh, w * sw, c]);
}

function checkShape(name: string, t: tf.Tensor, expected: readonly number[]): void {
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i]))
    throw new Error(`${name} has shape [${t.shape.join(', ')}], expected [${expected.join(', ')}]`);
}

/**
 * tf.depthToSpace (NHWC, channels ordered (rh, rw, c)) as reshape → 4-D transpose → reshape: the
 * same numbers, but wasm's DepthToSpace kernel is a plain loop 15–30× slower (6–10 ms against
 * 0.3–0.5 ms for [32, 8, 8, 64], a third of a GAN step).
 */
function depthToSpace(x: tf.Tensor4D, s: number): tf.Tensor4D {
  const [b, h, w, depth] = x.shape;
  const c = depth / (s * s);
  const rows = tf.transpose(tf.reshape(x, [b * h, w, s, s * c]), [0, 2, 1, 3]); // [B·H, rh, W, (rw, c)]
  return tf.reshape(rows, [b, h * s, w * s, c]);
}

/**
 * ∂L/∂input of conv2d(input, W, strides, pad) given its output gradient dy (input shape
 * `inputShape` [B, H, W, C], filter [kh, kw, C, O], dy [B, OH, OW, O]); that is also the value of
 * conv2dTranspose(dy, W, inputShape, strides, pad):
 *   ∂L/∂x[v − top] = Σ_{p, i: p·s + i = v} dy[p]·W[i]   (per axis; channels contracted over O).
 * Call inside tf.tidy or a gradient function.
 *
 * Stride 1: one 'valid' tf.conv2d of dy, padded by kh − 1 − top in front, with the filter flipped
 * in space and its channel axes swapped. Equal strides s > 1 ("sub-pixel" form): writing
 * v = s·m + r, the outputs of phase r only see the taps i = s·t + r, so all s² phases are one
 * stride-1 conv2d of dy (padded by T − 1 on each side, T = ⌈kh/s⌉) with the s² flipped sub-filters
 * stacked along the output channels, then depthToSpace interleaves the phases, and the window
 * [top, top + H) is cut out. That does no multiplication by an inserted zero; unequal strides fall
 * back to dilating dy with zeros (s − 1 between rows and columns) and one stride-1 conv.
 */
export function inputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, inputShape: [number, number, number, number], strides: Strides, pad: Padding): tf.Tensor4D {
  const [sh, sw] = pair(strides);
  const [kh, kw, c, o] = filter.shape;
  if (inputShape[3] !== c) throw new Error(`inputGradient: input has ${inputShape[3]} channels, the filter ${c}`);
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, [sh, sw], 1, pad);
  const [oh, ow] = [info.outHeight, info.outWidth];
  checkShape('inputGradient: dy', dy, [inputShape[0], oh, ow, o]);
  const [h, w] = [inputShape[1], inputShape[2]];
  const { top, left } = info.padInfo;
  if (sh === sw && sh > 1) {
    const s = sh;
    const th = Math.ceil(kh / s);
    const tw = Math.ceil(kw / s);
    // Sub-filters: W[s·t1 + rh, s·t2 + rw, c, o] (zero past the filter's end), flipped in (t1, t2),
    // as a [th, tw, O, (rh, rw, c)] filter: depthToSpace's channel order.
    const padded = tf.pad(filter, [
      [0, th * s - kh],
      [0, tw * s - kw],
      [0, 0],
      [0, 0],
    ]);
    const phases = tf.transpose(tf.reshape(padded, [th, s, tw, s, c, o]), [0, 2, 5, 1, 3, 4]);
    const sub = tf.reverse(tf.reshape(phases, [th, tw, o, s * s * c]), [0, 1]) as tf.Tensor4D;
    const z = padOrCrop(dy, th - 1, th - 1, tw - 1, tw - 1);
    const interleaved = depthToSpace(tf.conv2d(z, sub, 1, 'valid'), s); // [B, (OH + th − 1)·s, (OW + tw − 1)·s, C]
    const [, fullH, fullW] = interleaved.shape;
    return padOrCrop(interleaved, -top, top + h - fullH, -left, left + w - fullW);
  }
  // The dilated dy is (OH − 1)·sh + 1 rows long (plus sh − 1 trailing zeros from `dilate`); padded
  // to H + kh − 1 rows with kh − 1 − top rows in front, a 'valid' kh-row convolution gives H rows.
  const z = padOrCrop(dilate(dy, sh, sw), kh - 1 - top, h + top - oh * sh, kw - 1 - left, w + left - ow * sw);
  const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
  return tf.conv2d(z, flipped, 1, 'valid');
}

/**
 * ∂L/∂W of conv2d(input, W, strides, pad) given its output gradient dy (input [B, H, W, C],
 * dy [B, OH, OW, O], result `filterShape` [kh, kw, C, O]):
 *   ∂L/∂W[i, j, c, o] = Σ_{b, p, q} xpad[b, p·sh + i, q·sw + j, c] · dy[b, p, q, o],
 * a correlation of the padded input with dy over the batch. Computed as one tf.conv2d: the padded
 * input with batch and channels swapped, [C, H', W', B], convolved with dy as the filter,
 * [OH, OW, B, O], dilated by the strides, gives [C, kh, kw, O] (after cropping rows that no output
 * saw), transposed to [kh, kw, C, O]. Call inside tf.tidy or a gradient function.
 */
export function filterGradient(input: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], strides: Strides, pad: Padding): tf.Tensor4D {
  const [kh, kw, c, o] = filterShape;
  const [sh, sw] = pair(strides);
  const info = tf.backend_util.computeConv2DInfo(input.shape, filterShape, [sh, sw], 1, pad);
  checkShape('filterGradient: dy', dy, [info.batchSize, info.outHeight, info.outWidth, o]);
  const { top, bottom, left, right } = info.padInfo;
  const padded = padOrCrop(input, top, bottom, left, right);
  const xt = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  let r = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', [sh, sw]);
  if (r.shape[1] !== kh || r.shape[2] !== kw) r = tf.slice(r, [0, 0, 0, 0], [c, kh, kw, o]);
  return tf.transpose(r, [1, 2, 0, 3]);
}

type Grad = { value: tf.Tensor4D; gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] };

/** tf.customGrad of a function of one tensor, typed. */
function custom1(f: (a: tf.Tensor4D, save: tf.GradSaveFunc) => Grad): (a: tf.Tensor4D) => tf.Tensor4D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => f(args[0] as tf.Tensor4D, args[1] as tf.GradSaveFunc)) as (a: tf.Tensor4D) => tf.Tensor4D;
}

/** tf.customGrad of a function of two tensors, typed. */
function custom2(f: (a: tf.Tensor4D, b: tf.Tensor4D, save: tf.GradSaveFunc) => Grad): (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    f(args[0] as tf.Tensor4D, args[1] as tf.Tensor4D, args[2] as tf.GradSaveFunc),
  ) as (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D;
}

/** Whether the active backend has tfjs's filter-gradient kernel (then tfjs's own ops are used). */
function nativeFilterGradient(): boolean {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined;
}

/**
 * conv2d with this file's filter and input gradients on every backend. x [B, H, W, C],
 * filter [kh, kw, C, O] → [B, OH, OW, O].
 */
export function customConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, strides: Strides, pad: Padding, options: ConvOptions = {}): tf.Tensor4D {
  const s = pair(strides);
  const filterShape = filter.shape;
  if (options.inputGrad === false) {
    // x is saved (kept until the backward pass) like any input: it may be an intermediate tensor
    // of the forward pass, which tf.grads disposes before it runs the gradients.
    const op = custom1((w, save) => {
      save([x]);
      return {
        value: tf.conv2d(x, w, s, pad),
        gradFunc: (dy, saved) => filterGradient(saved[0] as tf.Tensor4D, dy, filterShape, s, pad),
      };
    });
    return op(filter);
  }
  const op = custom2((input, w, save) => {
    save([input, w]);
    return {
      value: tf.conv2d(input, w, s, pad),
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as tf.Tensor4D[];
        return [inputGradient(dy, ws, xs.shape, s, pad), filterGradient(xs, dy, filterShape, s, pad)];
      },
    };
  });
  return op(x, filter);
}

/**
 * conv2dTranspose with this file's filter and input gradients on every backend. x [B, h, w, C_in],
 * filter [kh, kw, C_out, C_in], outputShape [B, H, W, C_out] (the shape whose conv2d with this
 * filter, strides and pad has x's shape).
 */
export function customConv2dTranspose(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  outputShape: [number, number, number, number],
  strides: Strides,
  pad: Padding,
  options: ConvOptions = {},
): tf.Tensor4D {
  const s = pair(strides);
  const filterShape = filter.shape;
  // y = conv2dTranspose(x, W) is the adjoint of u ↦ conv2d(u, W), so ∂L/∂W[i, j, co, ci] =
  // Σ dy_pad[b, p·s + i, q·s + j, co] · x[b, p, q, ci]: the conv2d filter gradient with dy as the
  // input and x as the output gradient; and ∂L/∂x = conv2d(dy, W).
  if (options.inputGrad === false) {
    const op = custom1((w, save) => {
      save([x]);
      return {
        value: inputGradient(x, w, outputShape, s, pad),
        gradFunc: (dy, saved) => filterGradient(dy, saved[0] as tf.Tensor4D, filterShape, s, pad),
      };
    });
    return op(filter);
  }
  const op = custom2((input, w, save) => {
    save([input, w]);
    return {
      value: inputGradient(input, w, outputShape, s, pad),
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as tf.Tensor4D[];
        return [tf.conv2d(dy, ws, s, pad), filterGradient(dy, xs, filterShape, s, pad)];
      },
    };
  });
  return op(x, filter);
}

/**
 * 2-D convolution, NHWC: x [B, H, W, C], filter [kh, kw, C, O] → [B, OH, OW, O] (OH = ⌈H/s⌉ for
 * 'same', ⌈(H − kh + 1)/s⌉ for 'valid'). Differentiable in x and filter on every backend
 * (tf.grads, tf.variableGrads, tf.valueAndGrads); add the bias and activation separately.
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, strides: Strides, pad: Padding, options: ConvOptions = {}): tf.Tensor4D {
  return nativeFilterGradient() ? tf.conv2d(x, filter, strides, pad) : customConv2d(x, filter, strides, pad, options);
}

/**
 * Transposed 2-D convolution (a.k.a. "deconvolution"), NHWC: x [B, h, w, C_in], filter
 * [kh, kw, C_out, C_in] → outputShape [B, H, W, C_out] (for stride s and 'same', H = h·s).
 * Differentiable in x and filter on every backend.
 */
export function conv2dTranspose(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  outputShape: [number, number, number, number],
  strides: Strides,
  pad: Padding,
  options: ConvOptions = {},
): tf.Tensor4D {
  return nativeFilterGradient()
    ? tf.conv2dTranspose(x, filter, outputShape, strides, pad)
    : customConv2dTranspose(x, filter, outputShape, strides, pad, options);
}

/**
 * a [M, K] · b [K, N], differentiable in both. On wasm its gradients use explicit transposes
 * (∂a = dy · transpose(b), ∂b = transpose(a) · dy), because tfjs's matMul gradient multiplies with
 * transposeA/transposeB, which wasm runs on a naive loop (LeNet's 400 → 120 layer, batch 64:
 * 2.7 ms per product against ~0.5 ms); elsewhere it is tf.matMul.
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        return [tf.matMul(dy, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy)];
      },
    };
  }) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
  return op(a, b);
}
