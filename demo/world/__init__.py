"""The world-scale data set of `manage.py load_world` (issue 10): thousands of cities in dozens
of programmes, shaped like the demo and as the services would leave them, for the benchmark
(`make bench`, bench/) and for finding what grows with the data.

- `names`: real-looking names, made from syllables per language family;
- `rows`: every model instance the generator builds, in one place (the one module to adapt when
  a model gains fields);
- `load`: the plan of the world (how many of what, where each city stands) and the bulk writes.
"""

from .load import WorldShape, world_load

__all__ = ["WorldShape", "world_load"]
