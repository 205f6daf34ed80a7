// Nothing to run: the publish is the check (see the project file).
return 0;
