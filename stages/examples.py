"""Answers the benchmark and the tests share."""

# The longest plan: every trigger ticked, in the last stage, nothing paid. The benchmark's plan
# page (stages/management/commands/benchmark.py), and the tests' (tests/pages.py).
FULL_ANSWERS = (
    "days=45&product=credit_card&can_pay=none&happened=calls_me&happened=calls_contacts"
    "&happened=home_visit&happened=case_filed&happened=court_papers&happened=threats"
    "&happened=personal_account&happened=fake_service&happened=agency&happened=crime_threat"
    "&papers_date=2026-11-20&situation=income"
    "&situation=illness&situation=several_debts&situation=overwhelmed"
)
