.PHONY: run test bench loadtest i18n readme clean

## make run: set up what is missing, create the demo database once, start Odoo on :8069
run:
	@bash scripts/run.sh

## make test: set up what is missing, lint, fresh test database, full pytest suite
## make test AT="2028-02-29 20:30:00": the same on a clock shifted to that moment (UTC)
test:
	@bash scripts/test.sh

## make bench: two databases (10k and 100k customers), the timings of issue 4's benchmark, the targets
bench:
	@bash scripts/bench.sh

## make loadtest: the morning peak over HTTP: Odoo with 4 workers, 50, 200 and 500 reps checking in and reporting, against hr_attendance's check-in
loadtest:
	@bash scripts/loadtest.sh

## make i18n: regenerate the .pot files with Odoo's export and merge them into zh_CN.po (zh_TW.po made from it)
i18n:
	@bash scripts/i18n.sh

## make readme: each addon's README.rst and index.html from its readme/ fragments (oca-gen-addon-readme)
readme:
	@bash scripts/readme.sh

## make clean: drop the project's virtualenv and generated files (not the databases)
clean:
	rm -rf .venv var
