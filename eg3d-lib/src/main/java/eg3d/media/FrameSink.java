package eg3d.media;

/** The encoder end of a {@link VideoWriter}: takes frames as packed RGB and writes an MP4 file. */
interface FrameSink {
    /** One frame, 0xRRGGBB per pixel, row-major, at the sink's (even) size. */
    void write(int[] rgb);

    /** Flushes and closes the file; it is complete when this returns. */
    void finish();

    /** Stops without completing the file, releasing whatever the sink holds. Safe to call twice. */
    void abort();
}
