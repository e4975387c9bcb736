java -jar mapwright-spark/target/mapwright-spark.jar search-arch --space eyeriss_resources --workload resnet50 --budget-archs 120 --final-top 1 --seed 1 --json --engine spark --master local[2]
