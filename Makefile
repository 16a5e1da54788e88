.PHONY: run test bench lint clean

## make run: set up what is missing, create the demo database once, start Odoo on :8069
run:
	@bash scripts/run.sh

## make test: set up what is missing, lint, fresh test database, full pytest suite
test:
	@bash scripts/test.sh

## make bench: two databases (10k and 100k customers), the timings of issue 4's benchmark, the targets
bench:
	@bash scripts/bench.sh

## make clean: drop the project's virtualenv and generated files (not the databases)
clean:
	rm -rf .venv var
