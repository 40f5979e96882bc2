package eg3d.shape;

/** An axis of a {@link DensityVolume}; X is the slowest-varying index of its flat array, Z the fastest. */
public enum Axis {
    X,
    Y,
    Z
}
