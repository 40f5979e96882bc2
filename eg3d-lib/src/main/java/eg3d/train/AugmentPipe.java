package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.model.DualDiscriminator;
import eg3d.model.FilteredResizing;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import eg3d.nn.Owned;

/**
 * Adaptive discriminator augmentation (Karras et al. 2020, "Training Generative Adversarial
 * Networks with Limited Data"): the classic "bgc" pipe of geometric and colour transforms applied
 * to every image D sees, real or fake, each transform per sample with probability p, and the ADA
 * heuristic that steers p so that the mean sign of D's real logits stays at the target.
 *
 * <p>The pipe works on D's 6-channel pair [N,6,R,R]: the image and the raw image upsampled to R,
 * concatenated along channels ({@link #applyPair}, the reference's {@code run_D}). One geometric
 * warp and one colour matrix are drawn per sample and applied to both halves alike. Everything is
 * differentiable with respect to the input, twice over: fakes pass G's gradient through it, and
 * R1 in Dreg differentiates D's real logits with respect to the un-augmented reals and then
 * differentiates that again with respect to D's parameters.
 *
 * <p>Geometric part: per sample a 3×3 inverse transform G⁻¹ (output pixel → input pixel, in
 * pixel units about the image centre) built on the host from, in order, xflip, rotate90, integer
 * translation (xint), isotropic scale, rotation, anisotropic scale, rotation, fractional
 * translation (xfrac). Colour part: per sample a 4×4 affine colour matrix from brightness,
 * contrast, luma flip, hue rotation about the luma axis and saturation, applied to each RGB half.
 *
 * <p>Deliberate simplification: the classic pipe pads by reflection, upsamples 2× with a wavelet
 * filter, warps and downsamples again. Here the warp is one bilinear resampling at the image's
 * own resolution with symmetric reflection at the borders (the edge pixel repeats), so zooming
 * out aliases a little where the classic pipe would filter. The warp is a fixed sparse linear map
 * (four host-computed corners and weights per output pixel, applied by indexing), not PyTorch's
 * {@code grid_sampler}: that kernel has no double backward, which R1 through the pipe needs.
 *
 * <p>The camera effect. D is conditioned on the camera, and the pipe leaves the camera label
 * unchanged, as the reference does: geometric augmentation happens in image space only. So, a
 * fraction of the time that grows with p, D sees a pose that disagrees with its label: a mirrored
 * head labelled with the unmirrored camera (xflip), a rolled, shifted or zoomed view labelled with
 * the original intrinsics and extrinsics. The colour transforms have no camera effect. Because
 * fakes are augmented exactly like reals, D cannot use the disagreement to tell them apart, and G
 * does not learn to produce it (the ADA paper finds these transforms do not leak for p below
 * about 0.8); but the pose signal in D's conditioning gets weaker as p grows. Compare the dataset's {@code --mirror}
 * ({@link eg3d.data.XFlip}), which mirrors the camera label along with the image, so that every
 * mirrored sample stays consistent.
 */
public final class AugmentPipe {
    /** The transforms of the classic pipe, in the order they compose; {@link #official()} is the kwarg name. */
    public enum Transform {
        XFLIP, ROTATE90, XINT, SCALE, ROTATE, ANISO, XFRAC, BRIGHTNESS, CONTRAST, LUMAFLIP, HUE, SATURATION;

        public String official() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The "bgc" set of the ADA recipe: every geometric and colour transform at strength 1. */
    public static final Map<Transform, Double> BGC;

    static {
        Map<Transform, Double> all = new EnumMap<>(Transform.class);
        for (Transform t : Transform.values()) {
            all.put(t, 1.0);
        }
        BGC = Collections.unmodifiableMap(all);
    }

    /** The reference's name for the pipe, as snapshots record it. */
    public static final String CLASS_NAME = "training.augment.AugmentPipe";
    /** Steps between two ADA adjustments of p. */
    public static final int ADA_INTERVAL = 4;
    /** kimg for p to move by 1 at full speed; the EG3D recipe's 100 (StyleGAN2-ADA: 500) reacts faster early on. */
    public static final double ADA_KIMG = 100;

    // The classic pipe's defaults.
    static final double XINT_MAX = 0.125;           // integer translation, fraction of the image size
    static final double SCALE_STD = 0.2;            // log2 of the isotropic scale
    static final double ROTATE_MAX = 1;             // rotation angle, ×π
    static final double ANISO_STD = 0.2;            // log2 of the anisotropic scale
    static final double XFRAC_STD = 0.125;          // fractional translation, fraction of the image size
    static final double BRIGHTNESS_STD = 0.2;       // added to every channel
    static final double CONTRAST_STD = 0.5;         // log2 of the contrast factor
    static final double HUE_MAX = 1;                // rotation about the luma axis, ×π
    static final double SATURATION_STD = 1;         // log2 of the saturation factor
    private static final double[] LUMA = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)};

    private final Map<Transform, Double> strengths; // per-transform multiplier of p (0 = off)
    private final @Nullable Double target;          // ADA target for the mean sign of D's real logits; null = fixed p
    private double p;                               // augmentation probability
    private double signSum;                         // Σ sign(D_real) since the last adjustment
    private long signCount;                         // how many signs signSum holds

    /**
     * @param strengths transforms and their multipliers of p; missing ones are off
     * @param p         the initial probability (ADA: 0)
     * @param target    the ADA target, or null to keep p fixed
     */
    public AugmentPipe(Map<Transform, Double> strengths, double p, @Nullable Double target) {
        if (!(p >= 0)) {
            throw new IllegalArgumentException("augment p must be ≥ 0, got " + p);
        }
        this.strengths = new EnumMap<>(Transform.class);
        this.strengths.putAll(strengths);
        this.p = p;
        this.target = target;
    }

    /** The pipe of a run: none for {@code --aug noaug}, ADA from p = 0 for {@code ada}, p = {@code --p} for {@code fixed}. */
    public static @Nullable AugmentPipe of(TrainingOptions o) {
        return switch (o.aug()) {
            case "noaug" -> null;
            case "ada" -> new AugmentPipe(BGC, 0, o.target());
            case "fixed" -> new AugmentPipe(BGC, o.p(), null);
            default -> throw new IllegalArgumentException("--aug " + o.aug() + ": expected noaug, ada or fixed");
        };
    }

    public double getP() {
        return p;
    }

    public @Nullable Double getTarget() {
        return target;
    }

    /** What a snapshot keeps: p, and the ADA signs gathered since the last adjustment (their sum and count). */
    public record State(double p, double signSum, long signCount) {}

    public State state() {
        return new State(p, signSum, signCount);
    }

    /** Continues from a snapshot's state (resume). */
    public void restore(State state) {
        p = Math.max(0, state.p());
        signSum = state.signSum();
        signCount = state.signCount();
    }

    /** Adds D's logits for reals from one Dmain phase to the ADA statistics. */
    public void observeRealLogits(float[] realLogits) {
        for (float x : realLogits) {
            signSum += Math.signum(x);
        }
        signCount += realLogits.length;
    }

    /**
     * The ADA heuristic, run after the iteration counter moved to {@code batchIdx}: every
     * {@link #ADA_INTERVAL} steps, p ← max(0, p + sign(mean sign(D_real) − target)·batch·interval/(ada_kimg·1000)).
     * Returns whether p was adjusted. Nothing happens with a fixed p or without new signs.
     */
    public boolean adaStep(long batchIdx, int batch) {
        if (target == null || batchIdx % ADA_INTERVAL != 0 || signCount == 0) {
            return false;
        }
        double adjust = Math.signum(signSum / signCount - target) * batch * ADA_INTERVAL / (ADA_KIMG * 1000);
        p = Math.max(0, p + adjust);
        signSum = 0;
        signCount = 0;
        return true;
    }

    /** The {@code augment_pipe} entry of a snapshot: class name, init kwargs (the strengths) and p. */
    public ObjectNode describe(ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("class_name", CLASS_NAME);
        ObjectNode kwargs = o.putObject("init_kwargs");
        strengths.forEach((t, s) -> kwargs.put(t.official(), s));
        o.put("p", p);
        return o;
    }

    /**
     * The reference's {@code run_D} step: image [N,3,R,R] and imageRaw [N,3,r,r] → the 6-channel
     * pair (raw upsampled to R), augmented, split, the raw half resized back to r (antialiased).
     * Returns {image, imageRaw} at their input sizes.
     */
    public NDArray[] applyPair(NDArray image, NDArray imageRaw, Random rng) {
        int channels = (int) image.getShape().get(1);
        NDArray pair = apply(DualDiscriminator.dualInput(image, imageRaw), rng);
        NDArray raw = pair.get(":, {}:", channels);
        int rawSize = (int) imageRaw.getShape().get(3);
        if (rawSize != pair.getShape().get(3)) {
            raw = FilteredResizing.antialiased(raw, rawSize);
        }
        return new NDArray[] {pair.get(":, :{}", channels), raw};
    }

    /**
     * images [N,C,H,W], C a multiple of 3 (RGB groups) → augmented [N,C,H,W] on images' manager.
     * One geometric and one colour transform per sample, shared by all of its channel groups. At
     * p = 0 the input itself is returned.
     */
    public NDArray apply(NDArray images, Random rng) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) % 3 != 0) {
            throw new IllegalArgumentException("augment pipe: expected images [N, 3k, H, W], got " + s);
        }
        int n = (int) s.get(0), h = (int) s.get(2), w = (int) s.get(3);
        double[][] geometry = new double[n][], colour = new double[n][];
        boolean warp = false, recolour = false;
        for (int i = 0; i < n; i++) {
            geometry[i] = geometric(rng, w, h);
            colour[i] = colour(rng);
            warp |= !isIdentity(geometry[i], 3);
            recolour |= !isIdentity(colour[i], 4);
        }
        NDArray x = images;
        if (warp) {
            x = warp(x, geometry);
        }
        if (recolour) {
            x = recolour(x, colour);
        }
        return x;
    }

    /** Whether a transform fires for one sample: with probability strength·p. */
    private boolean fires(Random rng, Transform t) {
        double u = rng.nextDouble();
        return u < strengths.getOrDefault(t, 0.0) * p;
    }

    /** G⁻¹ for one sample, row-major 3×3, in pixel units about the centre of a w×h image. */
    double[] geometric(Random rng, int w, int h) {
        double[] g = identity(3);
        if (fires(rng, Transform.XFLIP) && rng.nextBoolean()) {
            g = mul3(g, scale(-1, 1));                                          // mirror x
        }
        if (fires(rng, Transform.ROTATE90)) {
            g = mul3(g, rotate(Math.PI / 2 * rng.nextInt(4)));                 // 0, 90, 180 or 270°
        }
        if (fires(rng, Transform.XINT)) {
            double tx = (rng.nextDouble() * 2 - 1) * XINT_MAX, ty = (rng.nextDouble() * 2 - 1) * XINT_MAX;
            g = mul3(g, translate(-Math.rint(tx * w), -Math.rint(ty * h)));     // whole pixels
        }
        if (fires(rng, Transform.SCALE)) {
            double k = Math.pow(2, rng.nextGaussian() * SCALE_STD);
            g = mul3(g, scale(1 / k, 1 / k));
        }
        // The rotation is split in two, around the anisotropic scale, each with probability
        // 1 − √(1 − p) so that at least one fires with probability p.
        double pRot = 1 - Math.sqrt(Math.min(Math.max(1 - strengths.getOrDefault(Transform.ROTATE, 0.0) * p, 0), 1));
        if (rng.nextDouble() < pRot) {
            g = mul3(g, rotate(-(rng.nextDouble() * 2 - 1) * Math.PI * ROTATE_MAX));
        }
        if (fires(rng, Transform.ANISO)) {
            double k = Math.pow(2, rng.nextGaussian() * ANISO_STD);
            g = mul3(g, scale(1 / k, k));
        }
        if (rng.nextDouble() < pRot) {
            g = mul3(g, rotate(-(rng.nextDouble() * 2 - 1) * Math.PI * ROTATE_MAX));
        }
        if (fires(rng, Transform.XFRAC)) {
            double tx = rng.nextGaussian() * XFRAC_STD, ty = rng.nextGaussian() * XFRAC_STD;
            g = mul3(g, translate(-tx * w, -ty * h));
        }
        return g;
    }

    /** The colour matrix C for one sample, row-major 4×4 acting on (r, g, b, 1). */
    double[] colour(Random rng) {
        double[] c = identity(4);
        if (fires(rng, Transform.BRIGHTNESS)) {
            double b = rng.nextGaussian() * BRIGHTNESS_STD;
            c = mul4(new double[] {1, 0, 0, b, 0, 1, 0, b, 0, 0, 1, b, 0, 0, 0, 1}, c);
        }
        if (fires(rng, Transform.CONTRAST)) {
            double k = Math.pow(2, rng.nextGaussian() * CONTRAST_STD);
            c = mul4(new double[] {k, 0, 0, 0, 0, k, 0, 0, 0, 0, k, 0, 0, 0, 0, 1}, c);
        }
        if (fires(rng, Transform.LUMAFLIP) && rng.nextBoolean()) {
            c = mul4(lumaChroma(-1, 1), c);                                     // I − 2vvᵀ: luma inverted, chroma kept
        }
        if (fires(rng, Transform.HUE)) {
            c = mul4(hueRotation((rng.nextDouble() * 2 - 1) * Math.PI * HUE_MAX), c);
        }
        if (fires(rng, Transform.SATURATION)) {
            c = mul4(lumaChroma(1, Math.pow(2, rng.nextGaussian() * SATURATION_STD)), c);
        }
        return c;
    }

    /** vvᵀ·luma + (I − vvᵀ)·chroma on RGB: scales the component along the luma axis v and the rest apart. */
    private static double[] lumaChroma(double luma, double chroma) {
        double[] m = identity(4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double vv = LUMA[i] * LUMA[j];
                m[i * 4 + j] = vv * luma + ((i == j ? 1 : 0) - vv) * chroma;
            }
        }
        return m;
    }

    /** Rotation by θ about the luma axis v (Rodrigues), on RGB. */
    private static double[] hueRotation(double theta) {
        double c = Math.cos(theta), s = Math.sin(theta), x = LUMA[0], y = LUMA[1], z = LUMA[2];
        return new double[] {
            x * x * (1 - c) + c, x * y * (1 - c) - z * s, x * z * (1 - c) + y * s, 0,
            y * x * (1 - c) + z * s, y * y * (1 - c) + c, y * z * (1 - c) - x * s, 0,
            z * x * (1 - c) - y * s, z * y * (1 - c) + x * s, z * z * (1 - c) + c, 0,
            0, 0, 0, 1};
    }

    /**
     * Bilinear resampling of x [N,C,H,W] at G⁻¹ of every output pixel, reflected into the image.
     * The four corners and their weights are computed here, so the warp is indexing and a
     * weighted sum: linear in x, with derivatives of every order.
     */
    static NDArray warp(NDArray x, double[][] gInv) {
        int n = (int) x.getShape().get(0), c = (int) x.getShape().get(1);
        int h = (int) x.getShape().get(2), w = (int) x.getShape().get(3), hw = h * w;
        long[] index = new long[n * 4 * hw];
        float[] weight = new float[n * 4 * hw];
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int s = 0; s < n; s++) {
            double[] g = gInv[s];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double xc = j - cx, yc = i - cy;
                    double px = reflect(g[0] * xc + g[1] * yc + g[2] + cx, w);
                    double py = reflect(g[3] * xc + g[4] * yc + g[5] + cy, h);
                    int x0 = (int) Math.floor(px), y0 = (int) Math.floor(py);
                    int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
                    double fx = px - x0, fy = py - y0;
                    int o = s * 4 * hw + i * w + j, base = s * hw;
                    index[o] = base + y0 * w + x0;
                    weight[o] = (float) ((1 - fx) * (1 - fy));
                    index[o + hw] = base + y0 * w + x1;
                    weight[o + hw] = (float) (fx * (1 - fy));
                    index[o + 2 * hw] = base + y1 * w + x0;
                    weight[o + 2 * hw] = (float) ((1 - fx) * fy);
                    index[o + 3 * hw] = base + y1 * w + x1;
                    weight[o + 3 * hw] = (float) (fx * fy);
                }
            }
        }
        NDManager m = x.getManager();
        NDArray rows = x.transpose(0, 2, 3, 1).reshape((long) n * hw, c);                // [N·H·W, C], pixel rows
        NDArray corners = rows.get(Owned.of(m.create(index))).reshape(n, 4, hw, c);               // [N,4,H·W,C]
        NDArray weights = Owned.of(m.create(weight, new Shape(n, 4, hw, 1))).toType(x.getDataType(), false);
        return corners.mul(weights).sum(new int[] {1}).reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }

    /** A pixel coordinate reflected about the image edges (−0.5 and size − 0.5), then kept inside the pixel centres. */
    static double reflect(double p, int size) {
        double period = 2.0 * size;
        double u = (p + 0.5) % period;
        if (u < 0) {
            u += period;
        }
        if (u > size) {
            u = period - u;
        }
        return Math.min(Math.max(u - 0.5, 0), size - 1);
    }

    /** x [N,3k,H,W] → each RGB group mapped by its sample's C: rgb′ = C[:3,:3]·rgb + C[:3,3]. */
    static NDArray recolour(NDArray x, double[][] colour) {
        int n = (int) x.getShape().get(0), c = (int) x.getShape().get(1);
        long h = x.getShape().get(2), w = x.getShape().get(3);
        float[] a = new float[n * 9], b = new float[n * 3];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    a[s * 9 + i * 3 + j] = (float) colour[s][i * 4 + j];
                }
                b[s * 3 + i] = (float) colour[s][i * 4 + 3];
            }
        }
        NDManager m = x.getManager();
        NDArray matrix = Owned.of(m.create(a, new Shape(n, 1, 3, 3))).toType(x.getDataType(), false);
        NDArray offset = Owned.of(m.create(b, new Shape(n, 1, 3, 1))).toType(x.getDataType(), false);
        NDArray groups = x.reshape(n, c / 3, 3, h * w);                                 // [N,k,3,H·W]
        return matrix.matMul(groups).add(offset).reshape(n, c, h, w);
    }

    private static boolean isIdentity(double[] m, int size) {
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (m[i * size + j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] identity(int size) {
        double[] m = new double[size * size];
        for (int i = 0; i < size; i++) {
            m[i * size + i] = 1;
        }
        return m;
    }

    private static double[] scale(double sx, double sy) {
        return new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1};
    }

    private static double[] translate(double tx, double ty) {
        return new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1};
    }

    private static double[] rotate(double theta) {
        double c = Math.cos(theta), s = Math.sin(theta);
        return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
    }

    private static double[] mul3(double[] a, double[] b) {
        return mul(a, b, 3);
    }

    private static double[] mul4(double[] a, double[] b) {
        return mul(a, b, 4);
    }

    private static double[] mul(double[] a, double[] b, int size) {
        double[] out = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    sum += a[i * size + k] * b[k * size + j];
                }
                out[i * size + j] = sum;
            }
        }
        return out;
    }
}
