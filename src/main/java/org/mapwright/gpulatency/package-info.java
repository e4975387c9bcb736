/**
 * Hardware-generalising latency prediction on measured GPUs: the GPU setting of Syed and Srinivasan (2021) on
 * HELP's OFA-MobileNetV3 latencies. {@link org.mapwright.gpulatency.GpuDevices} holds the GPUs' spec-sheet numbers,
 * {@link org.mapwright.gpulatency.HelpOfaData} reads the measurements, {@link org.mapwright.gpulatency.Folds} splits
 * devices into training and held-out ones, {@link org.mapwright.gpulatency.LutBaseline} is the ProxylessNAS-style
 * lookup table carried to a device by one scale, {@link org.mapwright.gpulatency.LearnedPredictor} the MLP over
 * subnet encoding and device parameters, and {@link org.mapwright.gpulatency.HelpGpuStudy} runs the comparison.
 */
package org.mapwright.gpulatency;
