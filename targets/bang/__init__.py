"""The Cambricon MLU target: loop level -> `bang` dialect -> BANG C, compiled with cncc
or run on mopc's functional simulator.

Not implemented yet (tracked by the BANG issue).
"""
