"""A bank–enterprise signing planned like 2013's, for the jinhu_2013 fixture and the demo county."""

from __future__ import annotations

from decimal import Decimal

from xiaoneng.org.models import EnterpriseSize, Zone

# The ten banks of the county that signed (unit codes of the demo county).
BANKS = ["nsh", "gh", "nh", "zh", "jh", "nfh", "ycyh", "jsyh", "jtyh", "mtcz"]


def enterprise_values(i: int) -> dict:
    """The i-th of 168 signing enterprises: 66 above scale (¥1,305.6M of ¥1,920M), 88 at ≤ ¥5M,
    130 industrial (94 of them in the development zone or an industrial park), 52 first-time
    small or micro firms."""
    if i < 66:
        amount = Decimal(18_600_000) if i == 65 else Decimal(19_800_000)
    elif i < 80:
        amount = Decimal(25_400_000) if i == 79 else Decimal(25_000_000)
    else:
        amount = Decimal(3_000_000)
    zone = (Zone.DEVELOPMENT_ZONE if i % 3 else Zone.INDUSTRIAL_PARK) if i < 94 else Zone.NONE
    size = (
        (EnterpriseSize.LARGE if i < 20 else EnterpriseSize.MEDIUM)
        if i < 66
        else (EnterpriseSize.SMALL if i < 116 or i % 2 else EnterpriseSize.MICRO)
    )
    return {
        "amount": amount,
        "is_above_scale": i < 66,
        "is_industrial": i < 130,
        "zone": zone,
        "size": size,
        "is_first_time": i >= 116,
    }
