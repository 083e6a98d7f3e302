package dev.hebb.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hebb.io.config.ConfigReader;
import dev.hebb.layer.Sequential;
import dev.hebb.plugin.Plugins;
import dev.hebb.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Weights saved by PyTorch load here and give PyTorch's outputs. The fixture was made once with
 * PyTorch 1.13 by {@code torch_linear_relu_linear.py} beside it (the safetensors package was not
 * installed, so the script writes the format by hand in the library's layout: sorted keys, space-padded
 * header); the expected outputs below are what that script printed for the same inputs.
 */
class PyTorchWeightsTest {

    @Test
    void stateDictOfTorchSequentialLoadsAndPredictsLikeTorch() throws IOException, URISyntaxException {
        Sequential model = ConfigReader.parse("""
                {"model": {"inputs": 4, "layers": [{"type": "dense", "units": 3, "activation": "relu"}, {"type": "dense", "units": 2}]},
                 "loss": "mse", "optimizer": "sgd"}
                """, Path.of("."), "test").buildModel(Plugins.registry());
        Path file = Path.of(getClass().getResource("torch_linear_relu_linear.safetensors").toURI());
        Safetensors.loadInto(file, model.namedParameters());

        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 0.25f, 1, 1, -3, 0, -2, 0.5f, 0.5f, 1}, 3, 4);
        float[] torch = {-0.10494032502174377f, -0.9771379232406616f, 0.3925824761390686f, 0.053200602531433105f,
            -0.013029217720031738f, -0.23367726802825928f};
        // Same float32 weights and inputs; only the summation order of 4- and 3-term dot products may differ.
        assertArrayEquals(torch, model.predict(x).data(), 1e-6f);
    }
}
