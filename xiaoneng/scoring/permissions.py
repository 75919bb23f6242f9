"""Which roles may see, propose and decide score ledger entries.

Unit roles see only their own subtree's proposals and entries (ScopedQuerySet.visible_to);
county-wide roles see all. Deciding is kept from proposing: staff propose, the center admin
and the confirming authority decide, and nobody decides their own proposal (actions.py).
"""

VIEW = {"scoring.view_scoreproposal", "scoring.view_ledgerentry", "scoring.view_scorerule"}

ROLE_PERMISSIONS = {
    "center_admin": VIEW | {
        "scoring.propose_entry", "scoring.decide_proposal",
        "scoring.add_scorerule", "scoring.change_scorerule",
    },
    "center_staff": VIEW | {"scoring.propose_entry"},
    "confirmer": VIEW | {"scoring.decide_proposal"},
    "leader": VIEW,
    "unit_head": VIEW,
    "unit_liaison": VIEW,
    "unit_staff": VIEW,
}
