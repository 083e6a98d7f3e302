"""Helpers shared by the reference scripts: PyTorch keyword arguments as Java hyperparameter literals."""


def camel(key):
    """PyTorch's snake_case keyword as this project's camelCase hyperparameter name."""
    parts = key.split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def value(v):
    """A Python hyperparameter value as a Java literal."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return "new double[] {" + ", ".join(repr(x) for x in v) + "}"
    return repr(v)


def hyperparameters(kwargs):
    """The arguments of Hyperparameters.of(...) for PyTorch keyword arguments."""
    return ", ".join(f'"{camel(k)}", {value(v)}' for k, v in kwargs.items())
