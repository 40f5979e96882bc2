/**
 * Stage 9 of the pipeline: evaluation. Image-distribution metrics (FID, KID, precision/recall)
 * over features from a pluggable detector, with cached dataset statistics and recorded provenance,
 * and 3D-consistency metrics (depth reprojection between views, depth distributions against
 * ground truth).
 *
 * <h2>Detectors</h2>
 * A {@link eg3d.metrics.FeatureDetector} maps float32 NCHW RGB images with values in [0, 255] at the
 * dataset's resolution to features [N, D]; it resizes internally if it needs a fixed input size.
 * <ul>
 *   <li>{@link eg3d.metrics.TorchScriptDetector} loads any TorchScript file with that contract,
 *       offline, through DJL's PyTorch engine. The standard FID network is NVlabs'
 *       {@code inception-2015-12-05} TorchScript: its {@code forward(img, return_features=True)}
 *       takes uint8-range floats, resizes to 299×299 internally and returns the 2048-D pool
 *       features. DJL calls {@code forward(x)} with one argument, so wrap it once in Python:
 *       <pre>{@code
 * import torch
 * inner = torch.jit.load('inception-2015-12-05.pt').eval()
 * class Fid(torch.nn.Module):
 *     def __init__(self, m): super().__init__(); self.m = m
 *     def forward(self, x: torch.Tensor) -> torch.Tensor:
 *         return self.m(x, return_features=True)
 * torch.jit.script(Fid(inner)).save('inception-fid.pt')
 * }</pre>
 *       The same wrapper around torchvision's {@code vgg16} weights (NVlabs' {@code vgg16.pt}
 *       with {@code return_features=True}) gives the features the official precision/recall uses.
 *       Numbers are comparable with published ones only with these networks.</li>
 *   <li>{@link eg3d.metrics.RandomConvDetector} is built in: seeded random-init convolutions, for
 *       offline tests and courses. Its numbers are reproducible but <b>not comparable with
 *       published FID</b>.</li>
 * </ul>
 */
@NullMarked
package eg3d.metrics;

import org.jspecify.annotations.NullMarked;
