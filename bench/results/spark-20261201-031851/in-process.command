java -jar target/mapwright.jar search-arch --space eyeriss_resources --workload resnet50 --budget-archs 120 --final-top 1 --seed 1 --json --threads 2
