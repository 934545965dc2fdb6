# DeZero kata — a thin front for the runner (`python -m kata`, the kata/ folder).
# The first command you run creates .venv from pyproject.toml; nothing else to set up.
#
#   make test STEP=17              run step 17's tests on your code (steps/step17)
#   make test STEP=17 IMPL=solutions   ... on the reference solution
#   make test STEP=17 V=1          ... with full tracebacks
#   make verify                    the maintainers' check (what CI runs)

PYTHON ?= python3
VENV := .venv
KATA := $(VENV)/bin/python -m kata
IMPL ?= steps

# A bad STEP stops make with one line (exit code 2) before anything runs, even the set-up.
STEP_GOALS := test diff hint watch reset solution stress bench plot run
ifneq ($(filter $(STEP_GOALS),$(MAKECMDGOALS)),)
  step_problem := $(shell $(PYTHON) -m kata.layout "$(STEP)")
  ifneq ($(step_problem),)
    $(error $(step_problem))
  endif
endif

.DEFAULT_GOAL := help
.PHONY: help test diff verify generate new-step stress bench plot progress next hint watch reset solution run \
	lang translation

help:  ## show this help
	@echo "DeZero kata: make COMMAND [STEP=N]"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
		awk -F'\t' '{ printf "  make %-12s %s\n", $$1, $$2 }'
	@echo
	@echo "Options: STEP=N, IMPL=solutions (test the reference), V=1 (full tracebacks),"
	@echo "         LEVEL=1|2|3 (hint), YES=1 (reset, solution, diff: do not ask), RESTORE=latest|FOLDER"
	@echo "         (reset: put a backup back), POLL=1 (watch: poll for changes),"
	@echo "         FILE=script.py ARGS=\"...\" (run: the script, its arguments), L=ko|en (lang)"

test: $(VENV)/.ready  ## run step STEP's tests on your code (IMPL=solutions for the reference)
	@$(KATA) test $(STEP) --impl $(IMPL) $(if $(V),--full)

diff: $(VENV)/.ready  ## what step STEP changes in the reference (asks first if yours does not pass)
	@$(KATA) diff $(STEP) $(if $(YES),--yes)

next: $(VENV)/.ready  ## test the first step that is not done yet
	@$(KATA) next $(if $(V),--full)

progress: $(VENV)/.ready  ## which steps are done, started, not started
	@$(KATA) progress

hint: $(VENV)/.ready  ## a hint for step STEP (LEVEL=1 idea, 2 where, 3 nearly the answer)
	@$(KATA) hint $(STEP) --level $(or $(LEVEL),1)

watch: $(VENV)/.ready  ## rerun step STEP's tests whenever you save a file
	@$(KATA) watch $(STEP) $(if $(POLL),--poll)

reset: $(VENV)/.ready  ## put back step STEP's skeleton (your files are backed up first)
	@$(KATA) reset $(STEP) $(if $(YES),--yes) $(if $(RESTORE),--restore $(RESTORE))

solution: $(VENV)/.ready  ## show the reference solution of step STEP
	@$(KATA) solution $(STEP) $(if $(YES),--yes)

stress: $(VENV)/.ready  ## step STEP's own tests and the earlier leak tests, 20 times in a row
	@$(KATA) stress $(STEP) --impl $(IMPL)

bench: $(VENV)/.ready  ## time and measure memory for step STEP (steps with benchmarks/bench_stepNN.py)
	@$(KATA) bench $(STEP)

plot: $(VENV)/.ready  ## draw the memory of step STEP (17, 59, 61) as a PNG (needs matplotlib)
	@$(KATA) plot $(STEP)

run: $(VENV)/.ready  ## run a script on step STEP's code: FILE=my_script.py (the book's too)
	@$(KATA) run $(STEP) --file "$(FILE)" --impl $(IMPL) --args "$(ARGS)"

lang: $(VENV)/.ready  ## the runner's language from now on: L=ko (한국어) or L=en
	@$(KATA) lang $(L)

verify: $(VENV)/.ready  ## maintainers: every solution passes, every skeleton fails, and more
	@$(KATA) verify

generate: $(VENV)/.ready  ## maintainers: regenerate steps/ from solutions/ (FORCE=1 to back up and replace)
	@$(KATA) generate $(if $(FORCE),--force)

translation: $(VENV)/.ready  ## maintainers: translations behind their English (STEP=N, STAMP=1)
	@$(KATA) translation $(STEP) $(if $(STAMP),--stamp)

new-step: $(VENV)/.ready  ## maintainers: start step STEP from the one before (TITLE="...")
	@$(KATA) new-step "$(STEP)" --title "$(TITLE)"

# The virtual environment, rebuilt when pyproject.toml changes. Its two lines come before the
# message catalogs can be read (Babel is installed here): Korean where the learner asks for it.
KOREAN := $(filter ko%,$(or $(KATA_LANG),$(shell cat .kata/lang 2>/dev/null),$(LC_ALL),$(LC_MESSAGES),$(LANG)))
$(VENV)/.ready: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
		{ echo "kata: $(if $(KOREAN),Python 3.10 이상이 필요합니다($(PYTHON)은 더 오래된 버전입니다). \
		PYTHON=python3.12처럼 지정해 보세요,Python 3.10 or newer is needed ($(PYTHON) is older); \
		try PYTHON=python3.12)"; exit 2; }
	@echo "$(if $(KOREAN),$(VENV)를 준비합니다(처음 한 번만)...,Setting up $(VENV) (first run only)...)"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(VENV)/bin/python -m pip install --quiet --group kata
	@touch $@
