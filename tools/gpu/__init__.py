"""PyTorch training of StyleCast models (tools/gpu_train.py); only network.py needs torch."""
