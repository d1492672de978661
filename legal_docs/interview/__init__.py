"""The guided terminal interview (`legal-docs interview KIND`).

script.py   the questions as data (form_templates/<kind>/interview.yaml) and the check against the model
steps.py    the ordered steps for the answers so far: conditions, defaults, repeated groups
checks.py   each answer validated through the kind's model as it is given
inputs.py   what a typed answer means for each question type
engine.py   asking, going back, skipping, help; review.py the review screen
session.py  the saved session (versioned JSON, 0600), written after every answer
terminal.py the terminal as an object: the console one and a scripted one for tests
flow.py     start / prefill / resume -> answers file for the generate pipeline
"""
