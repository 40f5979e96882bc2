package eg3d.train;

import org.jspecify.annotations.Nullable;

/**
 * The EG3D loss's settings, the official {@code loss_kwargs} plus the rendering kwargs the loss
 * reads.
 *
 * @param r1Gamma                    R1 weight γ (the penalty is γ/2·Σ|∇|²)
 * @param blurInitSigma              σ of the D-input blur at the start of training
 * @param blurFadeKimg               kimg over which the blur fades to 0 (0: no blur)
 * @param gpcRegProb                 generator pose conditioning: probability of conditioning G on another sample's
 *                                   camera; null conditions G on zeros (the official {@code None})
 * @param gpcRegFadeKimg             kimg over which the swap probability fades from 1 to gpcRegProb
 * @param nrrInitial                 neural rendering resolution at the start
 * @param nrrFinal                   resolution at the end of the fade, or null for no fade
 * @param nrrFadeKimg                kimg of the fade
 * @param styleMixingProb            probability of style mixing
 * @param densityReg                 weight of the density regulariser (0: no Greg phase)
 * @param densityRegPDist            std of the perturbation of the l1 regulariser
 * @param regType                    which density regulariser
 * @param discCNoise                 noise on D's camera input, relative to its batch std (0)
 */
public record LossOptions(double r1Gamma, double blurInitSigma, double blurFadeKimg, @Nullable Double gpcRegProb,
        double gpcRegFadeKimg, int nrrInitial, @Nullable Integer nrrFinal, double nrrFadeKimg, double styleMixingProb,
        double densityReg, double densityRegPDist, RegType regType, double discCNoise) {

    /** What the schedules give at {@code curNimg}. */
    public record Schedule(double blurSigma, @Nullable Double swappingProb, int neuralRenderingResolution) {}

    public Schedule schedule(long curNimg) {
        double blur = Blur.sigma(curNimg, blurInitSigma, blurFadeKimg);
        Double swap = null;
        if (gpcRegProb != null) {
            double alpha = gpcRegFadeKimg > 0 ? Math.min(curNimg / (gpcRegFadeKimg * 1e3), 1) : 1;
            swap = (1 - alpha) + alpha * gpcRegProb;
        }
        int nrr = nrrInitial;
        if (nrrFinal != null) {
            double alpha = Math.min(curNimg / (nrrFadeKimg * 1e3), 1);
            nrr = (int) Math.rint(nrrInitial * (1 - alpha) + nrrFinal * alpha);
        }
        return new Schedule(blur, swap, nrr);
    }
}
