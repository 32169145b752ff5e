"""The meetings app's screens, one module per group: the sessions of a plan and their
preparation (`sessions`, `year`), session mode (`run` and its steps `run_ogsm`, `run_plan`,
`run_priorities`), minutes and follow-up (`minutes`), a person's own pages (`my_work`,
`my_updates`, `mail_settings`) and the inbound-mail endpoint (`inbound`)."""
