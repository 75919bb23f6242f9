"""The windows mechanism's settings, read from the environment at call time (xiaoneng.conf).

| variable | default | meaning |
|---|---|---|
| XIAONENG_WINDOWS_YELLOW_SHARE | 90 | a case turns yellow once this % of its promised limit is used |
| XIAONENG_WINDOWS_DEEM_SATISFIED | on | an unrated completed case counts as satisfied ... |
| XIAONENG_WINDOWS_DEEM_AFTER | 5 | ... this many working days after completion |
| XIAONENG_WINDOWS_RANKING_MIN_CASES | 30 | windows with fewer cases in a month are left out of its ranking |
| XIAONENG_WINDOWS_RECTIFY_DAYS | 15 | working days a rectification matter gets (0: the matter kind's limit) |
| XIAONENG_WINDOWS_VISIT_DAYS | 5 | working days after a bad rating by which the return visit is due |
"""

from __future__ import annotations

from xiaoneng import conf


def yellow_share() -> int:
    share = conf.env_int("XIAONENG_WINDOWS_YELLOW_SHARE", 90)
    if not 1 <= share <= 100:
        raise conf.ConfigError(f"XIAONENG_WINDOWS_YELLOW_SHARE={share} must be between 1 and 100")
    return share


def deem_satisfied() -> bool:
    return conf.env_bool("XIAONENG_WINDOWS_DEEM_SATISFIED", True)


def deem_after() -> int:
    return conf.env_int("XIAONENG_WINDOWS_DEEM_AFTER", 5)


def ranking_min_cases() -> int:
    return conf.env_int("XIAONENG_WINDOWS_RANKING_MIN_CASES", 30)


def rectify_days() -> int:
    return conf.env_int("XIAONENG_WINDOWS_RECTIFY_DAYS", 15)


def visit_days() -> int:
    return conf.env_int("XIAONENG_WINDOWS_VISIT_DAYS", 5)
