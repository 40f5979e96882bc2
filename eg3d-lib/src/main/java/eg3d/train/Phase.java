package eg3d.train;

/** The four phases of one EG3D iteration, in the order the loop runs them. */
public enum Phase {
    /** Generator: non-saturating loss on D's logits for fakes. */
    GMAIN("Gmain", true),
    /** Generator: density regularisation (lazy, every G_reg_interval iterations). */
    GREG("Greg", true),
    /** Discriminator: logistic loss on fakes and reals; also updates G's w_avg. */
    DMAIN("Dmain", false),
    /** Discriminator: R1 on reals over both D inputs (lazy, every D_reg_interval iterations). */
    DREG("Dreg", false);

    private final String official;
    private final boolean generator;

    Phase(String official, boolean generator) {
        this.official = official;
        this.generator = generator;
    }

    /** The official name, as in stats and fixtures ("Gmain", …). */
    public String official() {
        return official;
    }

    /** Whether the phase trains G (else D). */
    public boolean trainsGenerator() {
        return generator;
    }
}
