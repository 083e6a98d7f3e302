import torch, json, struct
torch.manual_seed(5)
m = torch.nn.Sequential(torch.nn.Linear(4,3), torch.nn.ReLU(), torch.nn.Linear(3,2))
sd = m.state_dict()
# The layout of the safetensors library: keys sorted, data in that order, header padded with spaces to 8 bytes.
keys = sorted(sd.keys())
header = {"__metadata__": {"format": "pt"}}; blobs = []; off = 0
for k in keys:
    b = sd[k].contiguous().numpy().astype('<f4').tobytes()
    header[k] = {"dtype": "F32", "shape": list(sd[k].shape), "data_offsets": [off, off+len(b)]}; off += len(b); blobs.append(b)
h = json.dumps(header, separators=(',', ':')).encode()
h += b' ' * ((8 - len(h) % 8) % 8)
open('torch_linear_relu_linear.safetensors','wb').write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
x = torch.tensor([[0.5,-1,2,0.25],[1,1,-3,0],[-2,0.5,0.5,1]])
torch.set_printoptions(precision=10)
print(repr(m(x).detach().numpy().tolist()))
print(h[:200])
