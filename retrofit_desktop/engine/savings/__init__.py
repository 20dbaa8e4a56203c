"""Pure, vectorised savings formulas per equipment kind (methods.md 3.x; docs/methods.md).

Every function takes numpy arrays or pandas columns in base units and returns a float array of the
annual saving of ONE unit (the caller multiplies by ``quantity``). NaN in any input gives NaN out;
callers decide which inputs are missing before calling. Positive = saving.
"""

from .compressor import METHOD_COMPRESSOR, compressor_kwh
from .fluid import (
    METHOD_FAN,
    METHOD_FAN_VSD,
    METHOD_PUMP,
    METHOD_PUMP_VSD,
    fan_air_kw,
    fluid_replacement_kwh,
    pump_hydraulic_kw,
    vsd_kwh,
)
from .motor import METHOD_MOTOR, METHOD_MOTOR_PART_LOAD, motor_kwh, part_load_efficiency
from .thermal import METHOD_BOILER, METHOD_CHILLER_COP, METHOD_CHILLER_IPLV, boiler_fuel_saved, chiller_kwh
from .transformer import METHOD_TRANSFORMER, transformer_loss_kwh, transformer_reactive_kwh

#: Every method text the engine writes into ``savings.method`` (stable English; the JSON keeps it).
METHODS: tuple[str, ...] = (
    METHOD_MOTOR,
    METHOD_MOTOR_PART_LOAD,
    METHOD_PUMP,
    METHOD_PUMP_VSD,
    METHOD_FAN,
    METHOD_FAN_VSD,
    METHOD_COMPRESSOR,
    METHOD_TRANSFORMER,
    METHOD_BOILER,
    METHOD_CHILLER_IPLV,
    METHOD_CHILLER_COP,
)


__all__ = [
    "METHODS",
    "METHOD_BOILER",
    "METHOD_CHILLER_COP",
    "METHOD_CHILLER_IPLV",
    "METHOD_COMPRESSOR",
    "METHOD_FAN",
    "METHOD_FAN_VSD",
    "METHOD_MOTOR",
    "METHOD_MOTOR_PART_LOAD",
    "METHOD_PUMP",
    "METHOD_PUMP_VSD",
    "METHOD_TRANSFORMER",
    "boiler_fuel_saved",
    "chiller_kwh",
    "compressor_kwh",
    "fan_air_kw",
    "fluid_replacement_kwh",
    "motor_kwh",
    "part_load_efficiency",
    "pump_hydraulic_kw",
    "transformer_loss_kwh",
    "transformer_reactive_kwh",
    "vsd_kwh",
]
