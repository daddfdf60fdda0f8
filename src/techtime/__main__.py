from techtime.cli import main

raise SystemExit(main())
