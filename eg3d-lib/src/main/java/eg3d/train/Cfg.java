package eg3d.train;

import eg3d.model.DiscriminatorConfig;
import eg3d.model.GeneratorConfig;
import eg3d.model.SuperResolution;
import eg3d.nn.NoiseMode;
import eg3d.render.PlaneProjection;
import eg3d.render.RenderingOptions;
import java.util.List;

/**
 * The {@code --cfg} presets: the official {@code ffhq}, {@code afhq} and {@code shapenet} (their
 * rendering settings; the network sizes come from the options), and {@code nano}, a network small
 * enough to train on a CPU (8-channel tri-planes at 32², 12 + 12 samples, 16² rendering).
 */
public enum Cfg {
    FFHQ, AFHQ, SHAPENET, NANO;

    public static Cfg parse(String s) {
        for (Cfg c : values()) {
            if (c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--cfg " + s + ": expected one of ffhq, afhq, shapenet, nano");
    }

    /** The generator for images of {@code resolution}. */
    public GeneratorConfig generator(TrainingOptions o, int resolution) {
        boolean shapenet = this == SHAPENET;
        RenderingOptions r = this == NANO
                ? new RenderingOptions(12, 12, 2.25, 3.3, 1, false, 1, PlaneProjection.OFFICIAL, 0, NoiseMode.NONE)
                : new RenderingOptions(shapenet ? 64 : 48, shapenet ? 64 : 48, shapenet ? 0.1 : 2.25, shapenet ? 2.6 : 3.3,
                        shapenet ? 1.6 : 1, shapenet, 1, PlaneProjection.OFFICIAL, 0, NoiseMode.NONE);
        double[] pivot = shapenet ? new double[] {0, 0, 0} : new double[] {0, 0, 0.2};
        double radius = shapenet ? 1.7 : 2.7;
        if (this == NANO) {
            int nrr = neuralRenderingResolution(o, resolution);
            List<SuperResolution.BlockSpec> sr = resolution == nrr
                    ? List.of(new SuperResolution.BlockSpec(16, resolution, true), new SuperResolution.BlockSpec(16, resolution, true))
                    : List.of(new SuperResolution.BlockSpec(16, nrr, true), new SuperResolution.BlockSpec(16, resolution, false));
            if (resolution != nrr && resolution != 2 * nrr) {
                throw new IllegalArgumentException("--cfg nano: the dataset resolution " + resolution + " must be the neural"
                        + " rendering resolution " + nrr + " or twice it; set --neural_rendering_resolution_initial to "
                        + (resolution / 2));
            }
            return new GeneratorConfig(32, 64, 25, resolution, o.mapDepth(), 256, 32, -1f, -1f,
                    32, 8, 16, 8, null, nrr, sr, nrr, 1.0, !o.genPoseCond(), r, radius, pivot);
        }
        SuperResolution.Kind kind = switch (resolution) {
            case 128 -> SuperResolution.Kind.HYBRID_2X;
            case 256 -> SuperResolution.Kind.HYBRID_4X;
            case 512 -> SuperResolution.Kind.HYBRID_8X_DC;
            default -> throw new IllegalArgumentException("--cfg " + name().toLowerCase() + ": dataset resolution "
                    + resolution + " has no official super-resolution head (128, 256 or 512)");
        };
        return new GeneratorConfig(512, 512, 25, resolution, o.mapDepth(), o.cbase(), o.cmax(), -1f, 256f,
                256, 32, 64, 32, kind, kind.inputResolution(), kind.blocks(), o.nrrInitial(), 1.0, !o.genPoseCond(),
                r, radius, pivot);
    }

    /** The initial neural rendering resolution: the option, except that nano renders at half the image size when the option exceeds it. */
    public int neuralRenderingResolution(TrainingOptions o, int resolution) {
        return this == NANO && o.nrrInitial() >= resolution ? resolution / 2 : o.nrrInitial();
    }

    /** The discriminator for images of {@code resolution}. */
    public DiscriminatorConfig discriminator(TrainingOptions o, int resolution) {
        return this == NANO
                ? new DiscriminatorConfig(25, resolution, 256, 32, 256f, o.mbstdGroup(), 2, 0)
                : new DiscriminatorConfig(25, resolution, o.cbase(), o.cmax(), 256f, o.mbstdGroup(), 8, 0);
    }

    /** The loss settings of a run, as the official train.py derives them. */
    public LossOptions loss(TrainingOptions o, int resolution) {
        return new LossOptions(o.gamma(), 10, o.batch() * o.blurFadeKimg() / 32, o.genPoseCond() ? o.gpcRegProb() : null,
                1000, neuralRenderingResolution(o, resolution), o.nrrFinal(), o.nrrFadeKimg(), o.styleMixing(), o.densityReg(), o.densityRegPDist(),
                RegType.L1, 0);
    }
}
