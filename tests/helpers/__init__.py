"""What the tests share: real projects and builds, the browser, the hosting harness, the leak
scan, the generated playbooks."""
